namespace UrbanTwin.Gateway.Mqtt.Transport;

/// <summary>
/// Bounds what a connection that has not yet authenticated may cost: how many may be open at once
/// (<see cref="MaxPending"/>) and how long each has to finish its TLS handshake and CONNECT
/// (<see cref="ConnectTimeout"/>). A connection leaves the count when its CONNACK is sent or it closes.
/// </summary>
public sealed class ConnectionAdmission(int maxPending, TimeSpan connectTimeout)
{
    private int _pending;

    public int MaxPending { get; } = maxPending;

    public TimeSpan ConnectTimeout { get; } = connectTimeout;

    /// <summary>Connections accepted and not yet answered with a CONNACK.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Takes a slot for a new connection; false when all are taken.</summary>
    public bool TryAdmit()
    {
        if (Interlocked.Increment(ref _pending) <= MaxPending)
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _pending);
}
