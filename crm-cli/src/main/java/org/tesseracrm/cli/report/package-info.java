/** Reports: the week's sales figures (GET /api/v1/reports/week) as the seed's console report, JSON or CSV. */
package org.tesseracrm.cli.report;
