# The data plane: Payara Micro serving crm-web.war. Build from the repository root after ./mvnw install:
#   docker build -f docker/app.Dockerfile -t tessera/crm-app .
FROM payara/micro:6.2025.10-jdk17
COPY --chown=payara:payara crm-web/target/crm-web.war /opt/payara/deployments/crm-web.war
COPY --chown=payara:payara crm-dev/target/lib/postgresql-*.jar /opt/payara/lib/postgresql.jar
COPY --chown=payara:payara docker/app-entrypoint.sh /opt/payara/app-entrypoint.sh
# Listens on all interfaces inside the container; publish only behind the load balancer.
EXPOSE 8080
ENTRYPOINT ["/bin/sh", "/opt/payara/app-entrypoint.sh"]
