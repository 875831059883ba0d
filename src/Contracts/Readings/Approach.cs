namespace UrbanTwin.Contracts.Readings;

/// <summary>The junction arm a bus approaches from.</summary>
public enum Approach
{
    North = 1,
    East = 2,
    South = 3,
    West = 4,
}
