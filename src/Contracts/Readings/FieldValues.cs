using System.Runtime.CompilerServices;

namespace UrbanTwin.Contracts.Readings;

/// <summary>Fixed storage for up to eight numeric field values of one reading, inline, no allocation.</summary>
[InlineArray(Capacity)]
public struct FieldValues
{
    public const int Capacity = 8;

    private double _element0;
}
