using System.Net;
using System.Text.Json;

namespace UrbanTwin.TwinApi.Tests.DigitalTwins;

/// <summary>
/// The query language over a fixture graph of its own (models under a namespace of the run, so
/// other tests' twins never match): each query of the table with the rows it must return, and
/// malformed or unsupported queries answered with <c>400 SqlQueryError</c> saying what is wrong.
/// </summary>
[Collection(HostDefinition.Name)]
public sealed class AdtQueryTests(HostFixture fixture) : IAsyncLifetime
{
    /// <summary>The run's model namespace (<c>{m}</c> in the table) and twin id prefix (<c>{r}</c>).</summary>
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];
    private static readonly string M = $"dtmi:q{Run}:";
    private static readonly string R = $"q{Run}-";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _built;

    private HttpClient _admin = null!;

    /// <summary>Query, then the rows it returns: twin or relationship ids (any order), <c>#n</c> for a number of rows, or the rows' JSON.</summary>
    public static TheoryData<string, string> Table => new()
    {
        { "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('{m}Room;1')", "r1 r2 r3 r4" },
        { "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('{m}Room;1', exact)", "r1 r2 r4" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND T.temp > 20", "r2 r3" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND T.temp >= 21 AND T.temp < 22", "r3" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND T.temp <= 19.5", "r1" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND T.temp != 19.5", "r2 r3" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND T.temp = '19.5'", "" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND NOT T.open", "r2" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND T.open = false", "r2" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND (T.floor = 2 OR T.name = 'Beta')", "r2 r3 r4" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND T.name IN ['Alpha', 'Gamma']", "r1 r3" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND T.name NIN ['Alpha', 'Gamma']", "r2 r4" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND STARTSWITH(T.name, 'alpha')", "r4" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND ENDSWITH(T.name, 'ta')", "r2" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND CONTAINS(T.name, 'mm')", "r3" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND IS_DEFINED(T.temp)", "r1 r2 r3" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND NOT IS_DEFINED(T.temp)", "r4" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND IS_NUMBER(T.seats)", "r3" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND IS_STRING(T.name) AND IS_BOOL(T.open) AND IS_PRIMITIVE(T.floor)", "r1 r2 r3 r4" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND IS_OBJECT(T.info)", "r1" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND ARRAY_CONTAINS(T.tags, 'quiet')", "r1" },
        { "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND T.info.wing = 'east'", "r1" },
        { "SELECT * FROM DIGITALTWINS WHERE $dtId = '{r}r2'", "r2" },
        { "select * from digitaltwins where $dtId in ['{r}r1', '{r}r3', '{r}none']", "r1 r3" },
        { "SELECT * FROM DIGITALTWINS T WHERE T.$metadata.$model = '{m}Floor;1'", "f1 f2" },
        { "SELECT T.name FROM DIGITALTWINS T WHERE T.$dtId = '{r}r1'", """[{"name":"Alpha"}]""" },
        { "SELECT T.name, T.temp FROM DIGITALTWINS T WHERE T.$dtId = '{r}r4'", """[{"name":"alpha2"}]""" },
        { "SELECT T.name AS label, T.floor FROM DIGITALTWINS T WHERE T.$dtId = '{r}r3'", """[{"label":"Gamma","floor":2}]""" },
        { "SELECT T.$metadata.$model FROM DIGITALTWINS T WHERE T.$dtId = '{r}r3'", """[{"$model":"{m}MeetingRoom;1"}]""" },
        { "SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('{m}Room;1')", """[{"COUNT":4}]""" },
        { "SELECT COUNT() FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Room;1') AND T.floor = 9", """[{"COUNT":0}]""" },
        { "SELECT TOP(2) * FROM DIGITALTWINS WHERE IS_OF_MODEL('{m}Room;1')", "#2" },
        { "SELECT TOP(2) T.name FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{m}Floor;1')", "#2" },
        { "SELECT R FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = '{r}f1'", "r1 r2" },
        { "SELECT R FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = '{r}f2' AND R.open = true", "r3 r4" },
        { "SELECT N FROM DIGITALTWINS F JOIN R RELATED F.contains JOIN N RELATED R.isNextTo WHERE F.$dtId = '{r}f1'", "r2" },
        { "SELECT E FROM DIGITALTWINS F JOIN R RELATED F.contains E WHERE F.$dtId = '{r}f2' AND R.seats = 8", "c3" },
        { "SELECT R FROM DIGITALTWINS MATCH (F)-[:contains]->(R) WHERE F.$dtId = '{r}f1' AND R.temp > 20", "r2" },
        { "SELECT F FROM DIGITALTWINS MATCH (F)-[:contains]->(R) WHERE R.$dtId = '{r}r3'", "f2" },
        { "SELECT B FROM DIGITALTWINS MATCH (A)-[:isNextTo]-(B) WHERE A.$dtId = '{r}r2'", "r1" },
        { "SELECT X FROM DIGITALTWINS MATCH (R)<-[:contains]-(X) WHERE R.$dtId = '{r}r1'", "f1" },
        { "SELECT X FROM DIGITALTWINS MATCH (R)<-[:contains|isNextTo]-(X) WHERE R.$dtId = '{r}r2'", "f1 r1" },
        { "SELECT E FROM DIGITALTWINS MATCH (F)-[E:contains]->(R) WHERE F.$dtId = '{r}f1' AND R.$dtId = '{r}r2'", "c2" },
        { "SELECT N FROM DIGITALTWINS MATCH (F)-[:contains]->(R)-[:isNextTo]->(N) WHERE F.$dtId = '{r}f1'", "r2" },
        { "SELECT * FROM RELATIONSHIPS R WHERE R.$sourceId = '{r}f1'", "c1 c2" },
        { "SELECT * FROM RELATIONSHIPS WHERE $relationshipName = 'isNextTo' AND $sourceId = '{r}r1'", "n1" },
        { "SELECT R.$targetId FROM RELATIONSHIPS R WHERE R.$sourceId = '{r}f2' AND R.since > 2020", """[{"$targetId":"{r}r4"}]""" },
    };

    /// <summary>Query, and what the error's message says.</summary>
    public static TheoryData<string, string> Malformed => new()
    {
        { "SELEC * FROM DIGITALTWINS", "missing SELECT" },
        { "SELECT * FROM", "expecting DIGITALTWINS or RELATIONSHIPS" },
        { "SELECT * FROM DIGITALTWINS WHERE", "unexpected end of the query" },
        { "SELECT * FROM DIGITALTWINS T WHERE T.x = 'open", "a string is not closed" },
        { "SELECT * FROM DIGITALTWINS T WHERE T.x ~ 1", "unexpected character '~'" },
        { "SELECT * FROM DIGITALTWINS T WHERE FOO(T.x)", "the function FOO is not supported" },
        { "SELECT * FROM DIGITALTWINS T JOIN R RELATED T.contains WHERE T.$dtId = 'a'", "SELECT * cannot be used with JOIN or MATCH" },
        { "SELECT A FROM DIGITALTWINS MATCH (A)-[:contains*1..3]->(B) WHERE A.$dtId = 'a'", "Variable hops" },
        { "SELECT TOP(0) * FROM DIGITALTWINS", "TOP takes a whole number" },
        { "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL(1)", "IS_OF_MODEL takes" },
        { "SELECT * FROM DIGITALTWINS T WHERE T.name IN 'a'", "expecting '['" },
        { "SELECT * FROM DIGITALTWINS T WHERE T.$dtId = 'a' ORDER BY T.name", "unexpected 'ORDER'" },
        { "SELECT * FROM RELATIONSHIPS R JOIN T RELATED R.x", "JOINs or one MATCH, over DIGITALTWINS only" },
        { "SELECT A, A FROM DIGITALTWINS MATCH (A)-[]->(A) WHERE A.$dtId = 'a'", "an alias of its own" },
        { "SELECT * FROM DIGITALTWINS WHERE " + string.Join(" OR ", Enumerable.Range(0, 52).Select(i => $"$dtId = 'x{i}'")), "at most 50 AND and OR" },
        { "SELECT A FROM DIGITALTWINS A " + string.Concat(Enumerable.Range(0, 6).Select(i => $"JOIN B{i} RELATED A.r ")) + "WHERE A.$dtId = 'a'", "at most 5 JOINs" },
        { "SELECT * FROM DIGITALTWINS WHERE $dtId = '" + new string('x', 8000) + "'", "at most 8000 characters" },
    };

    public async ValueTask InitializeAsync()
    {
        _admin = fixture.Admin();
        await Once.WaitAsync();
        try
        {
            if (!_built)
            {
                await BuildGraphAsync();
                _built = true;
            }
        }
        finally
        {
            Once.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_query_of_the_table_returns_its_rows(string query, string expected)
    {
        var rows = await _admin.QueryAllAsync(Fill(query), pageSize: 2);

        if (expected.StartsWith('#'))
        {
            Assert.Equal(int.Parse(expected[1..], System.Globalization.CultureInfo.InvariantCulture), rows.Count);
        }
        else if (expected.StartsWith('['))
        {
            Assert.Equal(Fill(expected), "[" + string.Join(",", rows.Select(r => r.GetRawText())) + "]");
        }
        else
        {
            var ids = rows.Select(IdOf).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => id.StartsWith('c') || id.StartsWith('n') ? id : R + id).Order(StringComparer.Ordinal), ids);
        }
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_or_unsupported_query_is_refused_saying_why(string query, string expected)
    {
        var message = (await _admin.QueryAsync(query)).Error(HttpStatusCode.BadRequest, "SqlQueryError");
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_follow_continuation_tokens_and_a_bad_token_or_body_is_refused()
    {
        var first = await _admin.QueryAsync(Fill("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('{m}Room;1')"), pageSize: 3);
        Assert.Equal(3, first.Ok().GetProperty("value").GetArrayLength());
        var rows = await _admin.QueryAllAsync(Fill("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('{m}Room;1')"), pageSize: 1);
        Assert.Equal(4, rows.Select(IdOf).Distinct().Count());

        (await _admin.AdtAsync(HttpMethod.Post, "/query", """{"continuationToken":"not-a-token"}""")).Error(HttpStatusCode.BadRequest, "BadRequest");
        (await _admin.AdtAsync(HttpMethod.Post, "/query", """{"nothing":1}""")).Error(HttpStatusCode.BadRequest, "InvalidArgument");
        (await _admin.AdtAsync(HttpMethod.Post, "/query", """{"query":""")).Error(HttpStatusCode.BadRequest, "InvalidArgument");
    }

    private static string IdOf(JsonElement row)
    {
        if (row.TryGetProperty("$dtId", out var id) || row.TryGetProperty("$relationshipId", out id))
        {
            return id.GetString()!;
        }

        var column = Assert.Single(row.EnumerateObject());
        return IdOf(column.Value);
    }

    private static string Fill(string text) => text.Replace("{m}", M, StringComparison.Ordinal).Replace("{r}", R, StringComparison.Ordinal);

    private async Task BuildGraphAsync()
    {
        var models = $$$$"""
            [
              {"@context":"dtmi:dtdl:context;3","@id":"{{{{M}}}}Room;1","@type":"Interface","contents":[
                {"@type":"Property","name":"name","schema":"string"},{"@type":"Property","name":"floor","schema":"integer"},
                {"@type":"Property","name":"temp","schema":"double"},{"@type":"Property","name":"open","schema":"boolean"},
                {"@type":"Property","name":"tags","schema":{"@type":"Array","elementSchema":"string"}},
                {"@type":"Property","name":"info","schema":{"@type":"Map","mapKey":{"name":"k","schema":"string"},"mapValue":{"name":"v","schema":"string"}}},
                {"@type":"Relationship","name":"isNextTo","target":"{{{{M}}}}Room;1"}]},
              {"@context":"dtmi:dtdl:context;3","@id":"{{{{M}}}}MeetingRoom;1","@type":"Interface","extends":"{{{{M}}}}Room;1","contents":[{"@type":"Property","name":"seats","schema":"integer"}]},
              {"@context":"dtmi:dtdl:context;3","@id":"{{{{M}}}}Floor;1","@type":"Interface","contents":[{"@type":"Property","name":"name","schema":"string"},
                {"@type":"Relationship","name":"contains","target":"{{{{M}}}}Room;1","properties":[{"@type":"Property","name":"since","schema":"integer"}]}]}
            ]
            """;
        (await _admin.AdtAsync(HttpMethod.Post, "/models", models)).Ok(HttpStatusCode.Created);
        await Put("f1", "Floor", """ "name":"Ground" """);
        await Put("f2", "Floor", """ "name":"First" """);
        await Put("r1", "Room", """ "name":"Alpha","floor":1,"temp":19.5,"open":true,"tags":["quiet","window"],"info":{"wing":"east"} """);
        await Put("r2", "Room", """ "name":"Beta","floor":1,"temp":22,"open":false,"tags":["loud"] """);
        await Put("r3", "MeetingRoom", """ "name":"Gamma","floor":2,"temp":21,"open":true,"tags":[],"seats":8 """);
        await Put("r4", "Room", """ "name":"alpha2","floor":2,"open":true """);
        await Relate("f1", "c1", "r1", "contains", ""","since":2019""");
        await Relate("f1", "c2", "r2", "contains", ""","since":2019""");
        await Relate("f2", "c3", "r3", "contains", ""","since":2020""");
        await Relate("f2", "c4", "r4", "contains", ""","since":2021""");
        await Relate("r1", "n1", "r2", "isNextTo", "");
    }

    private async Task Put(string id, string model, string properties) =>
        (await _admin.AdtPutAsync($"/digitaltwins/{R}{id}", Adt.Twin($"{M}{model};1", properties))).Ok();

    private async Task Relate(string source, string id, string target, string name, string properties) =>
        (await _admin.AdtPutAsync($"/digitaltwins/{R}{source}/relationships/{id}", $$"""{"$targetId":"{{R}}{{target}}","$relationshipName":"{{name}}"{{properties}}}""")).Ok();
}
