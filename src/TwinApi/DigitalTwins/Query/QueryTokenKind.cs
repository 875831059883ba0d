namespace UrbanTwin.TwinApi.DigitalTwins.Query;

public enum QueryTokenKind
{
    Identifier,
    String,
    Number,
    Symbol,
    End,
}
