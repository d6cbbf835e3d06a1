/** Calls: logging one on a prospect, listing planned and completed ones, and how the CLI spells outcomes. */
package org.tesseracrm.cli.call;
