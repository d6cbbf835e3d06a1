package org.tesseracrm.web.api.task;

import org.tesseracrm.task.boundary.Tasks;

/** A completed task and the next occurrence its series made (null for a one-off task or a series that ended). */
public record CompletionResponse(TaskResponse completed, TaskResponse next) {

    static CompletionResponse of(Tasks.Completion completion) {
        return new CompletionResponse(TaskResponse.of(completion.completed()),
                completion.next().map(TaskResponse::of).orElse(null));
    }
}
