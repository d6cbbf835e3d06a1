/**
 * Pipelines with ordered stages and the deals that move through them: stage moves, wins and losses with their
 * history, and per-stage pipeline figures.
 */
package org.tesseracrm.deal;
