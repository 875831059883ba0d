using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Gateway.Mqtt.Transport;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// A device session's acknowledgements that wait for what they acknowledge to be kept. The broker
/// reads a connection's publishes one after another; each is taken at once
/// (<see cref="MessageIngestion.Accept"/>) and the next one read, while its PUBACK (PUBREC for
/// QoS 2) waits in the session's send queue until <see cref="IngestionTicket.Kept"/> completes.
/// MQTTnet queues a session's acknowledgements in the order their publishes were read, so the
/// tickets are queued in that order too, one queue per kind of acknowledgement. At most
/// <see cref="PacketLimits.InFlightPerConnection"/> of a session's messages are between being read
/// and reaching their twin; the next publish is not read until one gets there (the device then
/// waits on TCP).
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The semaphore's wait handle is never asked for, so it holds nothing to dispose; the queue lives as long as its MQTTnet session, which has no end hook.")]
internal sealed class PendingAcknowledgements
{
    private static readonly object Key = new();

    private readonly Queue<Task> _pubAcks = new();
    private readonly Queue<Task> _pubRecs = new();
    private readonly SemaphoreSlim _window = new(PacketLimits.InFlightPerConnection, PacketLimits.InFlightPerConnection);

    /// <summary>The session's queue, created with its first publish.</summary>
    public static PendingAcknowledgements Of(IDictionary sessionItems)
    {
        if (sessionItems is ConcurrentDictionary<object, object> items)
        {
            return (PendingAcknowledgements)items.GetOrAdd(Key, static _ => new PendingAcknowledgements());
        }

        lock (sessionItems)
        {
            if (sessionItems[Key] is not PendingAcknowledgements pending)
            {
                sessionItems[Key] = pending = new PendingAcknowledgements();
            }

            return pending;
        }
    }

    /// <summary>The session's queue, or null when it has not published.</summary>
    public static PendingAcknowledgements? Find(IDictionary sessionItems) => sessionItems[Key] as PendingAcknowledgements;

    /// <summary>Waits for room in the session's window of messages on their way to the twin.</summary>
    public Task EnterAsync(CancellationToken cancellationToken) => _window.WaitAsync(cancellationToken);

    /// <summary>Gives back the room taken by <see cref="EnterAsync"/> for a publish that was not taken.</summary>
    public void Leave() => _window.Release();

    /// <summary>
    /// Queues the ticket's acknowledgement (none for QoS 0); its room in the window is given back
    /// when the message is kept.
    /// </summary>
    public void Add(IngestionTicket ticket, int qos)
    {
        if (qos > 0)
        {
            var queue = qos == 1 ? _pubAcks : _pubRecs;
            lock (queue)
            {
                queue.Enqueue(ticket.Kept);
            }
        }

        ticket.Kept.ContinueWith(static (_, window) => ((SemaphoreSlim)window!).Release(), _window, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>What the next PUBACK (<paramref name="qos"/> 1) or PUBREC (2) waits for.</summary>
    public Task Next(int qos)
    {
        var queue = qos == 1 ? _pubAcks : _pubRecs;
        lock (queue)
        {
            return queue.TryDequeue(out var kept) ? kept : Task.CompletedTask;
        }
    }
}
