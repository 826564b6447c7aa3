using System.Text.Json;

namespace Secretless.Aws.Tests.Wire;

/// <summary>Loads the captured AWS SDK fixtures copied next to the test assembly.</summary>
public static class AwsWireFixtures
{
    private static readonly Lazy<IReadOnlyList<AwsWireFixture>> All = new(LoadAll);

    public static IReadOnlyList<AwsWireFixture> AcmPca => [.. All.Value.Where(f => f.File == "acm-pca.json")];

    public static IReadOnlyList<AwsWireFixture> Iot => [.. All.Value.Where(f => f.File == "iot.json")];

    public static IReadOnlyList<AwsWireFixture> Errors => [.. All.Value.Where(f => f.File == "errors.json")];

    public static AwsWireFixture Get(string file, string @case) =>
        All.Value.Single(f => f.File == file && f.Case == @case);

    /// <summary>xunit member data: one row per case of <paramref name="file"/>, by case label.</summary>
    public static TheoryData<string> Cases(string file)
    {
        var data = new TheoryData<string>();
        foreach (var fixture in All.Value.Where(f => f.File == file))
        {
            data.Add(fixture.Case);
        }

        return data;
    }

    private static List<AwsWireFixture> LoadAll()
    {
        var directory = System.IO.Path.Combine(AppContext.BaseDirectory, "Wire", "Fixtures");
        var fixtures = new List<AwsWireFixture>();
        foreach (var file in new[] { "acm-pca.json", "iot.json", "errors.json" })
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(System.IO.Path.Combine(directory, file)));
            foreach (var record in document.RootElement.EnumerateArray())
            {
                fixtures.Add(Parse(file, record.Clone()));
            }
        }

        return fixtures;
    }

    private static AwsWireFixture Parse(string file, JsonElement record)
    {
        var request = record.GetProperty("request");
        var response = record.GetProperty("response");
        return new AwsWireFixture(
            file,
            record.GetProperty("case").GetString()!,
            record.GetProperty("operation").GetString()!,
            record.GetProperty("signingName").GetString()!,
            record.GetProperty("input"),
            request.GetProperty("method").GetString()!,
            request.GetProperty("path").GetString()!,
            request.GetProperty("query").GetString() ?? "",
            request.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String ? body.GetString() : null,
            StringMap(request.GetProperty("headers")),
            request.GetProperty("authorization").GetString()!,
            request.TryGetProperty("canonicalRequest", out var canonical) ? canonical.GetString() : null,
            response.GetProperty("status").GetInt32(),
            StringMap(response.GetProperty("headers")),
            response.GetProperty("body").GetString() ?? "",
            record.TryGetProperty("parsedOutput", out var parsed) ? parsed : null,
            record.TryGetProperty("sdkException", out var exception) ? exception.GetProperty("name").GetString() : null);
    }

    private static Dictionary<string, string> StringMap(JsonElement element)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = property.Value.GetString() ?? "";
        }

        return map;
    }
}
