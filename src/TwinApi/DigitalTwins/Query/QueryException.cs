namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>A query that does not parse, or asks for what this node does not support: answered as <c>400 SqlQueryError</c> with the message.</summary>
public sealed class QueryException(string message) : Exception(message)
{
    public QueryException()
        : this("The query is invalid.")
    {
    }

    public QueryException(string message, Exception innerException)
        : this(message + " " + innerException.Message)
    {
    }
}
