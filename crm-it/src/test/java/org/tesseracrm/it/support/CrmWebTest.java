package org.tesseracrm.it.support;

import java.io.File;
import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the black-box tests of {@code crm-web.war}: the real services first ({@link CrmInfrastructure}), then
 * Arquillian starts Payara Micro with the WAR the build produced; tests call it over HTTP through {@link #api}.
 */
@RunAsClient
@ExtendWith(CrmInfrastructure.class)
@ExtendWith(ArquillianExtension.class)
public abstract class CrmWebTest {

    @ArquillianResource
    protected URL base;

    protected Api api;

    @Deployment(testable = false)
    public static WebArchive app() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("crm.dist.dir"), "crm-web.war"));
    }

    @BeforeEach
    void connectApi() {
        api = new Api(base);
    }
}
