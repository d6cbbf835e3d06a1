/** Teams of sales people: a name, a manager and members. They drive which records a sales manager may change. */
package org.tesseracrm.team;
