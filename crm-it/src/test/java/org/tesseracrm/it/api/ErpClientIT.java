package org.tesseracrm.it.api;

import java.net.http.HttpClient;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tesseracrm.client.ApiClient;
import org.tesseracrm.client.ApiException;
import org.tesseracrm.client.ApiResponse;
import org.tesseracrm.client.api.AccountsApi;
import org.tesseracrm.client.api.ContactsApi;
import org.tesseracrm.client.model.Account;
import org.tesseracrm.client.model.AccountInput;
import org.tesseracrm.client.model.Activity;
import org.tesseracrm.client.model.CallInput;
import org.tesseracrm.client.model.Contact;
import org.tesseracrm.client.model.ContactBatchCreate;
import org.tesseracrm.client.model.ContactBatchResult;
import org.tesseracrm.client.model.ContactBatchUpsert;
import org.tesseracrm.client.model.ContactInput;
import org.tesseracrm.client.model.ContactPage;
import org.tesseracrm.client.model.TimelineEntry;
import org.tesseracrm.client.model.TimelineEntryPage;
import org.tesseracrm.it.support.Api;
import org.tesseracrm.it.support.CrmWebTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract test: the ERP walk-through of docs/api.md through the Java client that openapi-generator made from the
 * served contract, and nothing else. The client's JSON mapper refuses properties the contract does not name, so a
 * response field the document forgot fails here, and so does a body the document describes wrongly.
 */
class ErpClientIT extends CrmWebTest {

    private ContactsApi contacts;
    private AccountsApi accounts;
    private String run;

    @BeforeEach
    void client() {
        // HTTP/1.1: after an h2c upgrade java.net.http sends :authority from the URI, not the tenant's Host header
        ApiClient client = new ApiClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1),
                ApiClient.createDefaultObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        true),
                "http://127.0.0.1:" + base.getPort());
        String token = Api.token("acme-admin");
        client.setRequestInterceptor(request -> request.header("Host", "acme.localhost:" + base.getPort())
                .header("Authorization", "Bearer " + token));
        contacts = new ContactsApi(client);
        accounts = new AccountsApi(client);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theErpWalkThroughRunsOnTheGeneratedClient() throws ApiException {
        // 1. upsert customers by e-mail, safe to retry with the same key
        ContactBatchUpsert upsert = new ContactBatchUpsert().idProperty("email").inputs(List.of(
                new ContactInput().email("nancy-" + run + "@northwind.example").firstName("Nancy")
                        .lastName("Davolio").externalId("ERP-" + run + "-1"),
                new ContactInput().email("kim-" + run + "@contoso.example").firstName("Kim")
                        .lastName("Abercrombie").externalId("ERP-" + run + "-2")));
        String key = "erp-sync-" + run;
        ContactBatchResult first = contacts.upsertContacts(upsert, key);
        assertThat(first.getResults()).extracting(r -> r.getAction()).containsExactly("created", "created");
        ApiResponse<ContactBatchResult> retry = contacts.upsertContactsWithHttpInfo(upsert, key);
        assertThat(retry.getHeaders().get("idempotent-replayed")).containsExactly("true");
        assertThat(retry.getData().getResults()).extracting(r -> r.getRecord().getId())
                .containsExactlyElementsOf(first.getResults().stream().map(r -> r.getRecord().getId()).toList());

        // 2. the account they work for
        Account northwind = accounts.createAccount(new AccountInput().name("Northwind " + run)
                .domain("northwind-" + run + ".example").industry("Wholesale"), null);
        assertThat(northwind.getVersion()).isEqualTo(1L);

        // 3. find the contact by the ERP's key and log a call on it, idempotently
        ContactPage found = contacts.listContacts(ContactsApi.APIListContactsRequest.newBuilder()
                .externalId("ERP-" + run + "-1").build());
        assertThat(found.getResults()).hasSize(1);
        UUID nancy = UUID.fromString(found.getResults().get(0).getId());
        CallInput call = new CallInput().completedAt(OffsetDateTime.parse("2026-11-23T09:30:00Z"))
                .outcome(CallInput.OutcomeEnum.CONNECTED).durationSeconds(312).body("Asked for a quote on 40 units")
                .nextSteps("Send quote by Friday");
        Activity logged = contacts.logContactCall(nancy, call, "call-" + run);
        Activity again = contacts.logContactCall(nancy, call, "call-" + run);
        assertThat(again.getId()).isEqualTo(logged.getId());
        assertThat(logged.getType()).isEqualTo("CALL");

        // 4. the timeline shows the call once
        TimelineEntryPage timeline = contacts.getContactTimeline(ContactsApi.APIGetContactTimelineRequest
                .newBuilder().id(nancy).limit(20).build());
        assertThat(timeline.getResults()).extracting(TimelineEntry::getId).containsOnlyOnce(logged.getId());

        // 5. a conditional update with If-Match; an old ETag is a 412 problem
        ApiResponse<Contact> read = contacts.getContactWithHttpInfo(nancy);
        String etag = read.getHeaders().get("etag").get(0);
        Contact changed = contacts.updateContact(nancy, new ContactInput().title("Purchasing")
                .accountId(northwind.getId()), etag, null);
        assertThat(changed.getTitle()).isEqualTo("Purchasing");
        assertThat(changed.getVersion()).isEqualTo(read.getData().getVersion() + 1);
        assertThatThrownBy(() -> contacts.updateContact(nancy, new ContactInput().title("Buyer"), etag, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(412);
                    assertThat(e.getResponseHeaders().firstValue("content-type")).hasValue(
                            "application/problem+json");
                });
    }

    @Test
    void pagingWalksEveryContactOnce() throws ApiException {
        String tag = "page-" + run;
        List<ContactInput> inputs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            inputs.add(new ContactInput().lastName("Page " + i).tags(List.of(tag)));
        }
        contacts.batchCreateContacts(new ContactBatchCreate().inputs(inputs), null);
        Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            ContactPage page = contacts.listContacts(ContactsApi.APIListContactsRequest.newBuilder().tags(tag)
                    .limit(3).after(after).build());
            page.getResults().forEach(c -> assertThat(seen.add(c.getId())).as("seen once: " + c.getId()).isTrue());
            after = page.getPaging() == null || page.getPaging().getNext() == null
                    ? null
                    : page.getPaging().getNext().getAfter();
            pages++;
        } while (after != null && pages < 10);
        assertThat(seen).hasSize(7);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aCreateRetriedWithItsKeyLandsOnce() throws ApiException {
        ContactInput input = new ContactInput().lastName("Retry " + run).email("retry-" + run + "@example.com");
        ApiResponse<Contact> first = contacts.createContactWithHttpInfo(input, "create-" + run);
        ApiResponse<Contact> second = contacts.createContactWithHttpInfo(input, "create-" + run);
        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(second.getData().getId()).isEqualTo(first.getData().getId());
        assertThat(second.getHeaders().get("idempotent-replayed")).containsExactly("true");
        assertThat(contacts.listContacts(ContactsApi.APIListContactsRequest.newBuilder()
                .email("retry-" + run + "@example.com").build()).getResults()).hasSize(1);
    }
}
