/** Tasks of sales people: due dates, priorities, links to the records they are about, and recurring series. */
package org.tesseracrm.task;
