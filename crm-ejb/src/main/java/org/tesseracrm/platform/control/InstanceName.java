package org.tesseracrm.platform.control;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which instance of the application this is ({@code crm.instance-name}; default: host name and process id), written
 * next to the work an instance did where several may share it (the e-mail it sent, the sequence step it ran), so
 * operators can tell which node did what.
 */
@ApplicationScoped
public class InstanceName {

    @Inject
    @ConfigProperty(name = "crm.instance-name")
    Optional<String> configured;

    private String name;

    @PostConstruct
    void init() {
        name = configured.map(String::strip).filter(n -> !n.isEmpty()).map(n -> n.length() > 100
                ? n.substring(0, 100)
                : n).orElseGet(InstanceName::hostAndPid);
    }

    public String get() {
        return name;
    }

    private static String hostAndPid() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
