using System.Text.Json.Serialization;

namespace FundingArb.Tests.Tools.VenueSim;

[JsonSerializable(typeof(string))]
internal sealed partial class TestJson : JsonSerializerContext;
