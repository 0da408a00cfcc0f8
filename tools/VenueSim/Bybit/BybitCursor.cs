namespace FundingArb.VenueSim.Bybit;

/// <summary>The opaque <c>nextPageCursor</c> of Bybit's paginated lists, spelled as the venue spells it
/// ("page_args%3D&lt;key&gt;%26", percent-encoded as it is in the JSON): the key of the last item sent; the next page
/// starts after it. Clients pass it back encoded or not, so it is decoded until it stops changing.</summary>
public static class BybitCursor
{
    public static string Encode(string lastKey) => "page_args%3D" + Uri.EscapeDataString(lastKey) + "%26";

    /// <summary>The last key the cursor names; false when <paramref name="cursor"/> is not such a cursor.</summary>
    public static bool TryDecode(string cursor, out string lastKey)
    {
        var text = cursor;
        for (var i = 0; i < 3 && text.Contains('%', StringComparison.Ordinal); i++) text = Uri.UnescapeDataString(text);
        lastKey = "";
        if (!text.StartsWith("page_args=", StringComparison.Ordinal)) return false;
        var end = text.IndexOf('&', StringComparison.Ordinal);
        lastKey = end < 0 ? text["page_args=".Length..] : text["page_args=".Length..end];
        return lastKey.Length > 0;
    }

    /// <summary>One page of <paramref name="items"/>: those after the cursor's key (all without a cursor), at most
    /// <paramref name="limit"/>, and the cursor of the page after — "" when there is none. Null when the cursor is unknown.</summary>
    public static (List<T> Page, string Next)? Page<T>(IReadOnlyList<T> items, Func<T, string> keyOf, string? cursor, int limit)
    {
        var start = 0;
        if (cursor is not null)
        {
            if (!TryDecode(cursor, out var last)) return null;
            var index = items.Select(keyOf).ToList().IndexOf(last);
            if (index < 0) return null;
            start = index + 1;
        }
        var page = items.Skip(start).Take(limit).ToList();
        return (page, start + page.Count < items.Count ? Encode(keyOf(page[^1])) : "");
    }
}
