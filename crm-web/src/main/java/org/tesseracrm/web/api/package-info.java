/**
 * The REST API ({@code /api/v1}): resources per business component, request/response records, and the filters and
 * mappers every endpoint shares (tenant check, problem responses). Entities never leave the server.
 */
package org.tesseracrm.web.api;
