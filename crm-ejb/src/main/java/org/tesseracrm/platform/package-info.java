/** Cross-cutting runtime pieces of the data plane: the datasource and readiness checks. */
package org.tesseracrm.platform;
