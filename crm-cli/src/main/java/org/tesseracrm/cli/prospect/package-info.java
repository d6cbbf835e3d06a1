/** Prospects: the API's leads, listed by funnel status and found by e-mail address or id. */
package org.tesseracrm.cli.prospect;
