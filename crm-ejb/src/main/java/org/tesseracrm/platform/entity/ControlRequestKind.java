package org.tesseracrm.platform.entity;

/** What the data plane may ask of the control plane (rows of {@code platform.control_request}). */
public enum ControlRequestKind {
    PROVISION_TENANT, SUSPEND_TENANT, RESUME_TENANT, DELETE_TENANT, INVITE_USER, DEACTIVATE_USER
}
