using System.Globalization;
using System.Text.Json;

namespace Secretless.TestSupport.Aws;

/// <summary>Reads ACM PCA's <c>Validity</c> structure: {Value, Type: END_DATE|ABSOLUTE|DAYS|MONTHS|YEARS}.</summary>
internal static class PcaValidity
{
    /// <summary>The instant <paramref name="validity"/> names, relative to <paramref name="issuedAt"/> for DAYS/MONTHS/YEARS.</summary>
    public static DateTimeOffset Resolve(JsonElement validity, DateTimeOffset issuedAt, string member)
    {
        if (validity.ValueKind != JsonValueKind.Object
            || !validity.TryGetProperty("Value", out var valueElement) || !valueElement.TryGetInt64(out var value)
            || !validity.TryGetProperty("Type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new FakeAwsServiceError("ValidationException", $"1 validation error detected: Value at '{member}' failed to satisfy constraint: Member must have Value and Type");
        }

        if (value < 0)
        {
            throw new FakeAwsServiceError("ValidationException", $"Value at '{member}.value' failed to satisfy constraint: Member must have value greater than or equal to 0");
        }

        var type = typeElement.GetString();
        try
        {
            return type switch
            {
                "DAYS" => issuedAt.AddDays(value),
                "MONTHS" => issuedAt.AddMonths(checked((int)value)),
                "YEARS" => issuedAt.AddYears(checked((int)value)),
                "ABSOLUTE" => DateTimeOffset.FromUnixTimeSeconds(value),
                "END_DATE" => EndDate(value.ToString(CultureInfo.InvariantCulture), member),
                _ => throw new FakeAwsServiceError("ValidationException", $"Value '{type}' at '{member}.type' failed to satisfy constraint: Member must satisfy enum value set: [END_DATE, ABSOLUTE, DAYS, MONTHS, YEARS]"),
            };
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new FakeAwsServiceError("InvalidArgsException", $"The {member} value {value} is out of range.");
        }
    }

    /// <summary>UTCTime (YYMMDDHHMMSS, YY ≥ 50 → 19YY) or GeneralizedTime (YYYYMMDDHHMMSS).</summary>
    private static DateTimeOffset EndDate(string digits, string member)
    {
        string full;
        if (digits.Length == 12)
        {
            var yy = int.Parse(digits[..2], CultureInfo.InvariantCulture);
            full = (yy >= 50 ? "19" : "20") + digits;
        }
        else if (digits.Length == 14)
        {
            full = digits;
        }
        else
        {
            throw new FakeAwsServiceError("InvalidArgsException", $"The {member} END_DATE value must be YYMMDDHHMMSS or YYYYMMDDHHMMSS.");
        }

        if (!DateTimeOffset.TryParseExact(full, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            throw new FakeAwsServiceError("InvalidArgsException", $"The {member} END_DATE value {digits} is not a valid date.");
        }

        return instant;
    }
}
