package org.tesseracrm.web.api.me;

import java.util.List;

/** Who the caller is, as the API sees it: user name, tenant (null on the apex host) and roles. */
public record MeResponse(String user, String tenant, List<String> roles) {
}
