using System.Net;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.DigitalTwins;

/// <summary>
/// What the twin API stores is kept: uploaded models, stored twins and relationships (an asset's
/// too) and a junction's own priority policy are all there after the host is stopped, and after
/// it is killed (SIGKILL) right after answering, when started again on the same data directory.
/// </summary>
public sealed class AdtDurabilityTests
{
    private const string AdminKey = "adt-durability-admin-key-5e8a1c";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Models_twins_relationships_and_policies_survive_a_restart(bool kill)
    {
        var data = Directory.CreateTempSubdirectory("urbantwin-adt-").FullName;
        var settings = new Dictionary<string, string> { ["Auth:AdminKey"] = AdminKey, ["Storage:DataDirectory"] = data };
        var model = $"dtmi:durable{Guid.NewGuid():N}:Kiosk;1";
        var junction = AssetBuilder.BusPriority().At(Places.BritishMuseum);
        string etag;
        await using (var host = await TwinHost.StartAsync(settings))
        {
            using var admin = host.CreateClient(AdminKey);
            (await admin.AdtAsync(HttpMethod.Post, "/models", $$"""[{"@context":"dtmi:dtdl:context;3","@id":"{{model}}","@type":"Interface","extends":"dtmi:urbantwin:place:Site;1","contents":[{"@type":"Property","name":"visitors","schema":"integer"}]}]""")).Ok(HttpStatusCode.Created);
            await MapQueries.RegisterAsync(admin, junction);
            (await admin.AdtPutAsync("/digitaltwins/site-1", Adt.Twin("dtmi:urbantwin:place:Site;1", """ "name":"Market","areaCode":"E09000007" """))).Ok();
            for (var i = 0; i < 50; i++)
            {
                (await admin.AdtPutAsync($"/digitaltwins/kiosk-{i}", Adt.Twin(model, $"\"visitors\":{i},\"areaCode\":\"E09000007\""))).Ok();
                (await admin.AdtPutAsync($"/digitaltwins/kiosk-{i}/relationships/in", """{"$targetId":"site-1","$relationshipName":"partOf"}""")).Ok();
            }

            (await admin.AdtPutAsync($"/digitaltwins/{junction.Id}/relationships/at", """{"$targetId":"site-1","$relationshipName":"locatedIn"}""")).Ok();
            (await admin.AdtPatchAsync($"/digitaltwins/{junction.Id}", """[{"op":"replace","path":"/priorityPolicy/inhibitWindow","value":30}]""")).Ok(HttpStatusCode.NoContent);
            etag = (await admin.AdtPatchAsync("/digitaltwins/kiosk-7", """[{"op":"replace","path":"/visitors","value":700}]""")).ETag!;
            if (kill)
            {
                await host.KillAsync();
            }
        }

        await using var again = await TwinHost.StartAsync(settings);
        using var client = again.CreateClient(AdminKey);

        // The fleet's inventory writes behind and a kill may lose its last second: the twins list
        // themselves again as the node starts.
        await Eventually.WaitAsync(() => client.AdtGetAsync($"/digitaltwins/{junction.Id}"), a => a.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Equal(model, (await client.AdtGetAsync($"/models/{Uri.EscapeDataString(model)}")).Ok().GetProperty("id").GetString());
        var kiosk = await client.AdtGetAsync("/digitaltwins/kiosk-7");
        Assert.Equal(700, kiosk.Ok().GetProperty("visitors").GetInt32());
        Assert.Equal(etag, kiosk.ETag);
        var incoming = await client.QueryAllAsync("SELECT COUNT() FROM RELATIONSHIPS R WHERE R.$targetId = 'site-1'");
        Assert.Equal(51, incoming[0].GetProperty("COUNT").GetInt32());
        var kiosks = await client.QueryAllAsync($"SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('{model}')");
        Assert.Equal(50, kiosks[0].GetProperty("COUNT").GetInt32());
        (await client.AdtGetAsync($"/digitaltwins/{junction.Id}/relationships/at")).Ok();
        Assert.Equal(30, (await client.AdtGetAsync($"/digitaltwins/{junction.Id}")).Ok().GetProperty("priorityPolicy").GetProperty("inhibitWindow").GetDouble());
    }
}
