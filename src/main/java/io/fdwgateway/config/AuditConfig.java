package io.fdwgateway.config;

import io.smallrye.config.WithDefault;
import java.util.List;

/** The posture audit ({@code gateway.audit.*}). */
public interface AuditConfig {

    /**
     * Schemas whose objects the rules about unexposed definer functions and views skip: the
     * platform schemas a hosted Postgres (Supabase) creates and owns, which its users cannot
     * change, so that a stock database does not fail the audit on them. An exposed schema is
     * audited even when listed here.
     */
    @WithDefault("auth,storage,extensions,graphql,graphql_public,realtime,_realtime,supabase_functions,"
            + "supabase_migrations,pgsodium,pgsodium_masks,vault,net,pgbouncer,cron,pgtle,_analytics,tiger,topology")
    List<String> ignoreSchemas();
}
