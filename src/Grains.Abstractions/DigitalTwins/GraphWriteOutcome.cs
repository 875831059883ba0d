namespace UrbanTwin.Grains.Abstractions.DigitalTwins;

/// <summary>How a <see cref="GraphWrite"/> went.</summary>
public enum GraphWriteOutcome
{
    Written,

    /// <summary>A delete, or an If-Match write, found nothing under the key.</summary>
    NotFound,

    /// <summary>The stored ETag is not the If-Match one, or If-None-Match found an entry.</summary>
    PreconditionFailed,
}
