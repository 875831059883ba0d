namespace UrbanTwin.Gateway.Ingestion;

/// <summary>Counts the hand-offs that are failing and being tried again, for /health.</summary>
internal sealed class HandoffFailures
{
    private readonly Lock _gate = new();
    private int _count;
    private DateTimeOffset _since;
    private string _reason = "";

    public (int Assets, DateTimeOffset Since, string Reason)? Current
    {
        get
        {
            lock (_gate)
            {
                return _count > 0 ? (_count, _since, _reason) : null;
            }
        }
    }

    /// <summary>A hand-off failed; its first failure counts its asset as failing.</summary>
    public void Failed(bool firstFailure, string reason)
    {
        lock (_gate)
        {
            if (firstFailure && _count++ == 0)
            {
                _since = DateTimeOffset.UtcNow;
            }

            _reason = reason;
        }
    }

    /// <summary>A hand-off ended; one that had failed no longer counts.</summary>
    public void End(bool hadFailed)
    {
        if (hadFailed)
        {
            lock (_gate)
            {
                _count--;
            }
        }
    }
}
