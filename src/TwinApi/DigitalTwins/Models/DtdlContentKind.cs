namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>The kinds of an Interface's contents.</summary>
public enum DtdlContentKind
{
    Property,
    Telemetry,
    Command,
    Relationship,
    Component,
}
