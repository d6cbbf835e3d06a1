# The control plane (migrations, tenant lifecycle). Build from the repository root after ./mvnw install:
#   docker build -f docker/tenant-config.Dockerfile -t tessera/tenant-config .
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 tenantconfig
COPY tenant-config/target/tenant-config-*-exec.jar /opt/tenant-config/tenant-config.jar
USER tenantconfig
ENTRYPOINT ["java", "-jar", "/opt/tenant-config/tenant-config.jar"]
CMD ["--help"]
