namespace UrbanTwin.Grains;

/// <summary>The name of the grain storage provider every UrbanTwin grain persists to.</summary>
public static class GrainStorage
{
    public const string Name = "urbantwin";
}
