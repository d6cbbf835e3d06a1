#!/bin/sh
# Writes the batch job-repository pool from the same settings the app reads (CRM_DB_*), then starts Payara Micro.
# MicroProfile Config reads CRM_DB_URL etc. straight from the environment.
set -eu
: "${CRM_DB_HOST:?}" "${CRM_DB_PORT:=5432}" "${CRM_DB_NAME:=crm}" "${CRM_DB_USER:?}" "${CRM_DB_PASSWORD:?}"
export CRM_DB_URL="jdbc:postgresql://${CRM_DB_HOST}:${CRM_DB_PORT}/${CRM_DB_NAME}"
esc() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/:/\\:/g; s/=/\\=/g'; }
cat > /tmp/post-boot.asadmin <<CMDS
create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource --restype=javax.sql.DataSource --steadypoolsize=1 --maxpoolsize=8 --property=user=$(esc "$CRM_DB_USER"):password=$(esc "$CRM_DB_PASSWORD"):serverName=$(esc "$CRM_DB_HOST"):portNumber=${CRM_DB_PORT}:databaseName=$(esc "$CRM_DB_NAME"):currentSchema=batch crm-batch-pool
create-jdbc-resource --connectionpoolid=crm-batch-pool jdbc/crm-batch
set-batch-runtime-configuration --datasourcelookupname=jdbc/crm-batch --schemaName=batch
CMDS
exec java ${JAVA_OPTS:-} -jar /opt/payara/payara-micro.jar --nocluster --addlibs /opt/payara/lib/postgresql.jar \
  --postbootcommandfile /tmp/post-boot.asadmin --deploy /opt/payara/deployments/crm-web.war --contextroot /
