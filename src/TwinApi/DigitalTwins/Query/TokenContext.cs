using System.Text.Json.Serialization;

namespace UrbanTwin.TwinApi.DigitalTwins.Query;

[JsonSerializable(typeof(ContinuationToken.Token))]
internal sealed partial class TokenContext : JsonSerializerContext;
