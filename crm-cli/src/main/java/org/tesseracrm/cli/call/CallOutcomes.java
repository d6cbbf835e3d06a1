package org.tesseracrm.cli.call;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.tesseracrm.client.model.CallInput.OutcomeEnum;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The server's call outcomes (a fixed set, {@code Activity.CALL_OUTCOMES}, in the contract's {@code CallInput}) as a
 * shell spells them: any case, hyphens or underscores for spaces ({@code no-answer}, {@code Meeting_Booked}).
 */
public final class CallOutcomes implements ITypeConverter<OutcomeEnum> {

    /** The outcome a CLI spelling names, if any. */
    public static Optional<OutcomeEnum> find(String spelling) {
        String wanted = normal(spelling);
        return Arrays.stream(OutcomeEnum.values()).filter(o -> normal(o.getValue()).equals(wanted)).findFirst();
    }

    /** The spellings to offer: {@code connected, no-answer, …}. */
    public static List<String> spellings() {
        return Arrays.stream(OutcomeEnum.values()).map(o -> normal(o.getValue())).toList();
    }

    @Override
    public OutcomeEnum convert(String value) {
        return find(value).orElseThrow(() -> new TypeConversionException("unknown outcome '" + value
                + "'; allowed: " + String.join(", ", spellings())));
    }

    private static String normal(String spelling) {
        return spelling.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "-");
    }
}
