namespace UrbanTwin.Gateway.Ingestion;

/// <summary>What <see cref="MessageIngestion.Accept"/> made of a message.</summary>
/// <param name="Outcome">What the acknowledgement says (MQTT 5 reason code).</param>
/// <param name="Kept">
/// Completes when the message survives a crash and its twin has it (its readings are on disk, in
/// the journal, and applied); the acknowledgement goes out only then. Faulted: not kept, the
/// device must send it again.
/// </param>
public sealed record IngestionTicket(PublishOutcome Outcome, Task Kept);
