/**
 * The rules of a job configuration, shared by the client and the scheduler.
 *
 * <p>{@link io.borealis.api.validation.JobConfigurationValidator#problems} checks a
 * {@code JobConfiguration} record and returns every {@link io.borealis.api.validation.Problem}
 * with the path of its field; nothing is thrown. The dsl runs it after evaluating a job file and
 * reports each problem at the line of the file that built the field; the scheduler runs it on
 * every configuration it receives and refuses the request with all problems joined.
 * {@code TaskSpecRules} holds the Thermos plan rules, {@code SettingsRules} the update, health,
 * constraint and SLA rules, {@link io.borealis.api.validation.CronSchedules} the cron syntax.
 * {@link io.borealis.api.validation.QuotaRules} bounds a role's quota. Job keys and roles are
 * checked where they are built, by {@code io.borealis.api.model.JobKey} (this package depends on
 * the model, so the rule cannot live here without a package cycle).
 */
package io.borealis.api.validation;
