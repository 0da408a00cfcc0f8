using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim;

/// <summary>Compares a response with a documented example by shape: every field the docs show must be there, with
/// the same JSON kind; arrays are compared element by element against the docs' first element.</summary>
internal static class ShapeAssert
{
    public static JsonElement Fixture(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Tools", "VenueSim", "Fixtures", name);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public static void Matches(string fixture, JsonElement actual)
    {
        var problems = new List<string>();
        Compare(Fixture(fixture), actual, "$", problems);
        Assert.True(problems.Count == 0, $"{fixture}: the response does not have the documented shape:\n" + string.Join("\n", problems) + "\nresponse: " + actual.GetRawText());
    }

    private static void Compare(JsonElement documented, JsonElement actual, string path, List<string> problems)
    {
        if (documented.ValueKind == JsonValueKind.Null) return; // the docs show null where a value may be absent
        if (Kind(documented) != Kind(actual))
        {
            problems.Add($"{path}: documented {Kind(documented)}, got {Kind(actual)} ({actual.GetRawText()})");
            return;
        }
        switch (documented.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in documented.EnumerateObject())
                {
                    if (!actual.TryGetProperty(property.Name, out var value)) problems.Add($"{path}.{property.Name}: missing");
                    else Compare(property.Value, value, $"{path}.{property.Name}", problems);
                }
                break;
            case JsonValueKind.Array:
                if (documented.GetArrayLength() == 0) break;
                if (documented.GetArrayLength() == 1 || documented.EnumerateArray().All(d => Same(d, documented[0])))
                {
                    // A homogeneous list: every element must have the documented element's shape.
                    var i = 0;
                    foreach (var element in actual.EnumerateArray()) Compare(documented[0], element, $"{path}[{i++}]", problems);
                    break;
                }
                // A list of different kinds (exchangeInfo's filters): each documented kind must appear.
                var k = 0;
                foreach (var kind in documented.EnumerateArray())
                {
                    if (!actual.EnumerateArray().Any(a => Problems(kind, a).Count == 0))
                        problems.Add($"{path}: nothing shaped like the documented element {k} ({kind.GetRawText()})");
                    k++;
                }
                break;
        }
    }

    private static List<string> Problems(JsonElement documented, JsonElement actual)
    {
        var problems = new List<string>();
        Compare(documented, actual, "$", problems);
        return problems;
    }

    private static bool Same(JsonElement a, JsonElement b) => Problems(a, b).Count == 0 && Problems(b, a).Count == 0;

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => e.ValueKind.ToString().ToLowerInvariant(),
    };
}
