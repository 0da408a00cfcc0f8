using FundingArb.Market;

namespace FundingArb.Feeds;

/// <summary>The perpetuals the engine trades on one venue, from the venue's metadata over REST: every page of its
/// instrument list, kept for the wanted base assets in the wanted quote currency while trading, then the answers that
/// need the symbols (OKX funding intervals), merged into one spec per symbol.</summary>
public static class VenueInstruments
{
    /// <summary>Bybit lists ~600 linear instruments at 1000 a page; more pages than this means the cursor is not moving.</summary>
    private const int MaxPages = 20;

    /// <exception cref="VenueStartupException">An answer is not 200 or not what the venue documents; the message names the
    /// venue, the request and the reason.</exception>
    public static async Task<IReadOnlyList<InstrumentSpec>> LoadAsync(IMarketDataVenue venue, Uri restBase, HttpClient http,
        IReadOnlyCollection<string> baseAssets, string quoteAsset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(http);
        var bySymbol = new Dictionary<string, InstrumentSpec>(StringComparer.Ordinal);
        var listRequests = venue.MetadataRequests([]);
        foreach (var request in listRequests)
        {
            var next = request;
            for (var page = 0; next is not null; page++)
            {
                if (page == MaxPages) throw new VenueStartupException(venue.Name, request, $"more than {MaxPages} pages; the venue's cursor does not advance.");
                var body = await GetAsync(venue, restBase, http, next, cancellationToken);
                Merge(bySymbol, Parse(venue, next, body), addNew: true);
                next = venue.NextMetadataRequest(next, body);
            }
        }

        var wanted = bySymbol.Values
            .Where(s => s.BaseAsset is { } b && baseAssets.Contains(b) && s.QuoteAsset == quoteAsset && s.IsTrading != false)
            .Select(s => s.VenueSymbol)
            .Order(StringComparer.Ordinal)
            .ToArray();
        foreach (var request in venue.MetadataRequests(wanted).Except(listRequests, StringComparer.Ordinal))
            Merge(bySymbol, Parse(venue, request, await GetAsync(venue, restBase, http, request, cancellationToken)), addNew: false);
        return [.. wanted.Select(symbol => bySymbol[symbol])];
    }

    private static void Merge(Dictionary<string, InstrumentSpec> bySymbol, IReadOnlyList<InstrumentSpec> specs, bool addNew)
    {
        foreach (var spec in specs)
            if (bySymbol.TryGetValue(spec.VenueSymbol, out var known)) bySymbol[spec.VenueSymbol] = known.MergedWith(spec);
            else if (addNew && spec.BaseAsset is not null) bySymbol[spec.VenueSymbol] = spec; // a partial spec (fundingInfo) only adds to a listed one
    }

    private static IReadOnlyList<InstrumentSpec> Parse(IMarketDataVenue venue, string request, byte[] body)
    {
        try
        {
            return venue.ParseMetadata(request, body);
        }
        catch (FormatException e)
        {
            throw new VenueStartupException(venue.Name, request, $"the answer is not what the venue documents: {e.Message}", e);
        }
    }

    private static async Task<byte[]> GetAsync(IMarketDataVenue venue, Uri restBase, HttpClient http, string request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(restBase, request), cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new VenueStartupException(venue.Name, request,
                    $"HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)))}");
            return body;
        }
        catch (HttpRequestException e)
        {
            throw new VenueStartupException(venue.Name, request, $"cannot reach {restBase}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout, not the caller stopping: the venue did not answer.
            throw new VenueStartupException(venue.Name, request, $"no answer from {restBase} within {http.Timeout.TotalSeconds:0.#} s.", e);
        }
    }
}
