/**
 * Jakarta Batch jobs. Job XML lives in {@code META-INF/batch-jobs}; artifacts are {@code @Named @Dependent} CDI beans
 * (with annotated bean discovery both are needed). Jobs have no request: a tenant job receives its tenant as a job
 * parameter, a platform job iterates over the registry's active tenants.
 */
package org.tesseracrm.batch;
