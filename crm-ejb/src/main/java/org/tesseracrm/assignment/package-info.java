/**
 * Lead assignment: ordered rules (conditions in the segment rule language) that give a new lead an owner, a named
 * user or the next member of a team in turn, under a workload cap; every assignment is audited (docs/assignment.md).
 */
package org.tesseracrm.assignment;
