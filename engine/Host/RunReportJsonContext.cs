using System.Text.Json.Serialization;

namespace FundingArb.Host;

/// <summary>Source-generated (AOT-safe) writer of <see cref="RunReport"/>: camelCase property names as DESIGN.md spells
/// them; dictionary keys (venue names, reason codes) as they are.</summary>
/// <remarks>A NaN or infinite PnL is written as the string <c>"NaN"</c> rather than throwing: a report that fails at
/// exit would hide its residual unhedged legs, which matter far more than one odd number.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunReport))]
internal sealed partial class RunReportJsonContext : JsonSerializerContext;
