#!/bin/sh
# Writes the batch job-repository pool from the same settings the app reads (CRM_DB_*), then starts Payara Micro.
# Non-transactional: checkpoints commit on their own (see crm-dev PayaraBootCommands).
# The pool heals like the app's own datasource (crm-dev PayaraBootCommands, ARCHITECTURE.md "Faults").
# MicroProfile Config reads CRM_DB_URL etc. straight from the environment.
set -eu
: "${CRM_DB_HOST:?}" "${CRM_DB_PORT:=5432}" "${CRM_DB_NAME:=crm}" "${CRM_DB_USER:?}" "${CRM_DB_PASSWORD:?}"
export CRM_DB_URL="jdbc:postgresql://${CRM_DB_HOST}:${CRM_DB_PORT}/${CRM_DB_NAME}"
esc() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/:/\\:/g; s/=/\\=/g'; }
cat > /tmp/post-boot.asadmin <<CMDS
create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource --restype=javax.sql.DataSource --nontransactionalconnections=true --steadypoolsize=1 --maxpoolsize=8 --idletimeout=300 --isconnectvalidatereq=true --validationmethod=custom-validation --validationclassname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation --failconnection=false --maxwait=5000 --property=user=$(esc "$CRM_DB_USER"):password=$(esc "$CRM_DB_PASSWORD"):serverName=$(esc "$CRM_DB_HOST"):portNumber=${CRM_DB_PORT}:databaseName=$(esc "$CRM_DB_NAME"):currentSchema=batch:connectTimeout=5:tcpKeepAlive=true crm-batch-pool
create-jdbc-resource --connectionpoolid=crm-batch-pool jdbc/crm-batch
set-batch-runtime-configuration --datasourcelookupname=jdbc/crm-batch --schemaName=batch
CMDS
exec java ${JAVA_OPTS:-} -jar /opt/payara/payara-micro.jar --nocluster --addlibs /opt/payara/lib/postgresql.jar \
  --postbootcommandfile /tmp/post-boot.asadmin --deploy /opt/payara/deployments/crm-web.war --contextroot /
