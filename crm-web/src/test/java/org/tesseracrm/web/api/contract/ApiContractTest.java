package org.tesseracrm.web.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract as the build writes it: complete, generator-friendly, and in step with the strict body readers. */
class ApiContractTest {

    private static List<Class<?>> resources;
    private static Map<String, Object> document;

    @BeforeAll
    static void write() throws Exception {
        resources = ApiContract.resources(Path.of("target/classes"));
        document = new ApiContract().document(resources);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> paths() {
        return (Map<String, Map<String, Object>>) document.get("paths");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> operations() {
        List<Map<String, Object>> operations = new ArrayList<>();
        paths().values().forEach(item -> item.forEach((method, operation) -> {
            if (!method.equals("servers")) {
                operations.add((Map<String, Object>) operation);
            }
        }));
        return operations;
    }

    @Test
    void everyResourceMethodIsAnOperationWithAUniqueId() {
        long resourceMethods = resources.stream().flatMap(r -> Arrays.stream(r.getMethods()))
                .filter(m -> Arrays.stream(m.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class)))
                .count();
        List<Object> ids = operations().stream().map(o -> o.get("operationId")).toList();
        assertThat(ids).hasSize((int) resourceMethods).doesNotHaveDuplicates();
        assertThat(ids).contains("listContacts", "createContact", "upsertContacts", "getContactTimeline",
                "logContactCall", "updateContact");
    }

    @Test
    void pathTemplatesCarryNoRegexAndStartWithTheApiVersion() {
        assertThat(paths().keySet()).allSatisfy(path -> {
            assertThat(path).startsWith("/api/v1/").doesNotContain(":").doesNotContain(" ");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsDeclarePagingSortSearchAndEveryFilter() {
        Map<String, Object> list = (Map<String, Object>) paths().get("/api/v1/contacts").get("get");
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) list.get("parameters");
        Set<Object> names = parameters.stream().map(p -> p.containsKey("$ref") ? p.get("$ref") : p.get("name"))
                .collect(Collectors.toSet());
        assertThat(names).contains("#/components/parameters/Limit", "#/components/parameters/After", "sort", "q",
                "deleted", "owner", "email", "tags", "externalId", "createdAt.gte", "createdAt.lt", "owner.neq",
                "accountId.exists");
    }

    @Test
    @SuppressWarnings("unchecked")
    void successBodiesAreJsonAndErrorsAreProblems() {
        for (Map<String, Object> operation : operations()) {
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation
                    .get("responses");
            assertThat(responses.keySet()).as(operation.get("operationId").toString()).anyMatch(c -> c
                    .startsWith("2")).contains("401", "403", "503").doesNotContain("default");
            responses.forEach((code, response) -> {
                Map<String, Object> content = (Map<String, Object>) response.get("content");
                if (code.startsWith("2")) {
                    // Exports are the one exception: they stream CSV, and say so.
                    Set<String> successTypes = operation.get("operationId").toString().startsWith("export")
                            ? Set.of("text/csv")
                            : Set.of("application/json");
                    assertThat(content == null || content.keySet().equals(successTypes))
                            .as(operation.get("operationId") + " " + code).isTrue();
                    assertThat(content != null || code.equals("204"))
                            .as(operation.get("operationId") + " " + code + " has a body schema").isTrue();
                } else {
                    assertThat(content).containsOnlyKeys("application/problem+json");
                }
            });
        }
    }

    /**
     * Bodies are read strictly by hand (unknown fields are a 400), while the contract describes them by records:
     * where a record's class also holds the reader's field set, the two must name the same fields.
     */
    @Test
    @SuppressWarnings("unchecked")
    void inputRecordsNameExactlyTheFieldsTheirReadersAccept() throws Exception {
        int compared = 0;
        for (Class<?> input : inputRecords()) {
            Field fields = field(input, "CREATE_FIELDS");
            fields = fields != null ? fields : field(input, "FIELDS");
            if (fields == null) {
                continue;
            }
            fields.setAccessible(true);
            Set<String> accepted = new HashSet<>((Set<String>) fields.get(null));
            Set<String> documented = Arrays.stream(input.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toSet());
            assertThat(documented).as(input.getSimpleName()).isEqualTo(accepted);
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(5);
    }

    private static List<Class<?>> inputRecords() throws ClassNotFoundException {
        List<Class<?>> inputs = new ArrayList<>();
        for (String name : List.of("contact.ContactInput", "account.AccountInput", "lead.LeadInput",
                "deal.DealInput", "task.TaskInput", "deal.PipelineInput", "lead.ConversionInput")) {
            inputs.add(Class.forName("org.tesseracrm.web.api." + name));
        }
        return inputs;
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            return Modifier.isStatic(field.getModifiers()) ? field : null;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}
