using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Reading;

namespace SecureBase.Scheduling.Tests.Reading;

public sealed class InstanceReaderTests
{
    private const string Valid = """
        {
          "formatVersion": 1,
          "name": "tiny",
          "colour": "ignored",
          "slots": [ { "id": "Mon-1", "day": "Mon", "start": "09:00", "end": "09:45", "term": "ignored" },
                     { "id": "Mon-2", "day": "Mon" } ],
          "rooms": [ { "id": "R1", "site": "A", "dedicated": true, "features": ["sink"], "unavailable": ["Mon-2"], "name": "Blue room" } ],
          "practitioners": [ { "id": "T1", "available": ["Mon-1", "Mon-2"], "name": "Ms Adeyemi" } ],
          "pupils": [ { "id": "P1", "site": "A", "unavailable": [], "avoid": ["Mon-1"], "name": "Jamal" },
                      { "id": "P2", "site": "A" } ],
          "sessions": [ { "id": "S1", "practitioner": "T1", "pupils": ["P1", "P2"], "requires": ["sink"],
                          "previous": { "slot": "Mon-1" } } ]
        }
        """;

    private static string With(string find, string replace)
    {
        Valid.ShouldContain(find);
        return Valid.Replace(find, replace, StringComparison.Ordinal);
    }

    private static SchedulingError SingleError(string json)
    {
        var result = InstanceReader.Parse(json);
        result.IsValid.ShouldBeFalse();
        result.Instance.ShouldBeNull();
        return result.Errors[0];
    }

    [Fact]
    public void ValidInstance_WithUnknownFieldsAndNames_IsRead()
    {
        var result = InstanceReader.Parse(Valid);

        result.IsValid.ShouldBeTrue(string.Join("; ", result.Errors));
        var instance = result.Instance;
        instance.Name.ShouldBe("tiny");
        instance.Practitioners[0].Name.ShouldBe("Ms Adeyemi");
        instance.Rooms[0].Name.ShouldBe("Blue room");
        instance.Pupils[1].Unavailable.ShouldBeEmpty();
        instance.Sessions[0].Previous.ShouldBe(new PreviousPlacement("Mon-1", null));
        instance.Weights.ShouldBe(CostWeights.Default);
    }

    [Fact]
    public void PartialWeights_FallBackToDefaultsFieldByField()
    {
        var result = InstanceReader.Parse(With("\"colour\"", "\"weights\": { \"slotChange\": 20, \"extraRoomPerDay\": 0 }, \"colour\""));

        result.Instance!.Weights.ShouldBe(CostWeights.Default with { SlotChange = 20, ExtraRoomPerDay = 0 });
    }

    [Fact]
    public void SessionNamingUnknownPractitioner_IsRefusedNamingBoth()
    {
        var error = SingleError(With("\"practitioner\": \"T1\"", "\"practitioner\": \"T99\""));

        error.Kind.ShouldBe(SchedulingErrorKind.Invalid);
        error.Where.ShouldBe("sessions[0]");
        error.Message.ShouldBe("session S1 names practitioner T99, which is not in the practitioners list.");
    }

    [Theory]
    [InlineData("\"unavailable\": [\"Mon-2\"], \"name\"", "\"unavailable\": [\"Mon-9\"], \"name\"", "room R1 is unavailable in slot Mon-9, which is not in the slots list")]
    [InlineData("\"available\": [\"Mon-1\", \"Mon-2\"]", "\"available\": [\"Mon-1\", \"Tue-7\"]", "practitioner T1 is available in slot Tue-7, which is not in the slots list")]
    [InlineData("\"pupils\": [\"P1\", \"P2\"]", "\"pupils\": [\"P1\", \"P7\"]", "session S1 names pupil P7, which is not in the pupils list")]
    [InlineData("\"previous\": { \"slot\": \"Mon-1\" }", "\"previous\": { \"room\": \"R9\" }", "session S1 was previously in room R9, which is not in the rooms list")]
    [InlineData("\"avoid\": [\"Mon-1\"]", "\"avoid\": [\"Fri-1\"]", "pupil P1 avoids slot Fri-1, which is not in the slots list")]
    public void UnknownIdInAReference_IsRefused(string find, string replace, string message)
    {
        SingleError(With(find, replace)).Message.ShouldStartWith(message);
    }

    [Fact]
    public void DuplicateSlotId_IsRefusedNamingBothPlaces()
    {
        var error = SingleError(With("{ \"id\": \"Mon-2\", \"day\": \"Mon\" }", "{ \"id\": \"Mon-1\", \"day\": \"Mon\" }"));

        error.Message.ShouldBe("slot id Mon-1 is used twice (slots[0] and slots[1]).");
    }

    [Fact]
    public void DuplicatePupilId_IsRefused()
    {
        SingleError(With("{ \"id\": \"P2\", \"site\": \"A\" }", "{ \"id\": \"P1\", \"site\": \"A\" }"))
            .Message.ShouldContain("pupil id P1 is used twice");
    }

    [Fact]
    public void GroupAcrossSites_IsRefused()
    {
        var error = SingleError(With("{ \"id\": \"P2\", \"site\": \"A\" }", "{ \"id\": \"P2\", \"site\": \"B\" }"));

        error.Message.ShouldBe("session S1 is a group across sites: pupil P1 is at site A but pupil P2 is at site B; a group meets at one site.");
    }

    [Theory]
    [InlineData("\"formatVersion\": 1", "\"formatVersion\": 2", "formatVersion")]
    [InlineData("\"formatVersion\": 1,", "", "formatVersion")]
    [InlineData("\"dedicated\": true", "\"dedicated\": \"yes\"", "rooms[0].dedicated")]
    [InlineData("\"pupils\": [\"P1\", \"P2\"]", "\"pupils\": \"P1\"", "sessions[0].pupils")]
    [InlineData("\"day\": \"Mon\" }", "\"day\": 3 }", "slots[1].day")]
    public void WrongShape_IsRefusedSayingWhere(string find, string replace, string where)
    {
        var error = SingleError(With(find, replace));

        error.Kind.ShouldBe(SchedulingErrorKind.Invalid);
        error.Where.ShouldBe(where);
    }

    [Fact]
    public void NegativeWeight_IsRefused()
    {
        SingleError(With("\"colour\"", "\"weights\": { \"unplaced\": -1 }, \"colour\"")).Where.ShouldBe("weights.unplaced");
    }

    [Fact]
    public void MalformedJson_IsRefusedWithItsLine()
    {
        var error = SingleError("{\n  \"formatVersion\": 1,\n  \"slots\": [ \n}");

        error.Kind.ShouldBe(SchedulingErrorKind.MalformedJson);
        error.Message.ShouldContain("is not valid JSON at line 4");
        error.Message.ShouldNotContain("LineNumber");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void EmptyInput_IsRefusedAsEmpty(string json)
    {
        var error = SingleError(json);

        error.Kind.ShouldBe(SchedulingErrorKind.Unreadable);
        error.Message.ShouldContain("is empty");
    }

    [Fact]
    public void NotAnObject_IsRefused()
    {
        SingleError("[1, 2]").Message.ShouldBe("The instance must be a JSON object, not an array.");
    }

    [Fact]
    public void AllSamples_AreValid()
    {
        foreach (var name in new[] { "small", "school", "two-sites", "local-authority" })
        {
            TestInstances.Sample(name).Sessions.ShouldNotBeEmpty();
        }
    }
}
