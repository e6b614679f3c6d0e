using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Imports;
using SecureBase.Pupils;
using SecureBase.Staff;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Imports;

/// <summary>Importing the school information system's files: what is added, updated, left alone and refused.</summary>
public sealed class ImportTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ImportingTheSameFilesTwice_AddsEveryoneOnce_AndTheSecondImportChangesNothing(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var before = await CountAsync(app, school);

        var first = await ImportAsync(app, school, SmallSchool());
        first.Imported.ShouldBeTrue(string.Join(" | ", first.Files.SelectMany(f => f.Rejects.SelectMany(r => r.Reasons).Concat(f.Problems))));
        Counts(first, ImportKind.Pupils).ShouldBe(new ImportCounts(3, 0, 0));
        Counts(first, ImportKind.Carers).ShouldBe(new ImportCounts(3, 0, 0));
        first.Files.Single(f => f.Kind == ImportKind.Carers).Links.ShouldBe(new ImportCounts(4, 0, 0));
        Counts(first, ImportKind.Staff).ShouldBe(new ImportCounts(2, 0, 0));

        var second = await ImportAsync(app, school, SmallSchool());
        second.Imported.ShouldBeTrue();
        Counts(second, ImportKind.Pupils).ShouldBe(new ImportCounts(0, 0, 3));
        Counts(second, ImportKind.Carers).ShouldBe(new ImportCounts(0, 0, 3));
        second.Files.Single(f => f.Kind == ImportKind.Carers).Links.ShouldBe(new ImportCounts(0, 0, 4));
        Counts(second, ImportKind.Staff).ShouldBe(new ImportCounts(0, 0, 2));

        (await CountAsync(app, school)).ShouldBe((before.Pupils + 3, before.Carers + 3, before.Links + 4, before.Staff + 2), "everyone imported, each once");

        var amelia = (await PupilsAsync(app, school)).Single(p => p.Upn == Upn(1));
        (amelia.LegalFirstName, amelia.PreferredFirstName, amelia.DateOfBirth, amelia.YearGroup, amelia.TutorGroup, amelia.SenStatus, amelia.PupilPremium)
            .ShouldBe(("Amelia", "Millie", new DateOnly(2014, 3, 2), 7, "7JB", SenStatus.SenSupport, true));
        var priya = await QueryAsync(app, school, db => db.StaffMembers.SingleAsync(s => s.StaffCode == "SLT1"));
        (priya.Discipline, priya.RegistrationBody, priya.RegistrationNumber, priya.RegistrationRenewal, priya.CaseloadCapacity)
            .ShouldBe((Discipline.SpeechAndLanguage, RegistrationBody.Hcpc, "SL12345", new DateOnly(2027, 3, 31), 25));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ReImport_WithChangedDetails_UpdatesByUpnContactIdAndStaffCode(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        (await ImportAsync(app, school, SmallSchool())).Imported.ShouldBeTrue();

        var changed = await ImportAsync(app, school,
        [
            File(ImportKind.Pupils, PupilsCsv($"{Upn(1)},Amelia,Jones-Smith,Millie,,02/03/2014,8,8JB,E,N,Y")),
            File(ImportKind.Carers, CarersCsv($"C101,{Upn(1)},Mr,David,Jones,Father,Y,1,david@example.org,07700 900456,,Email,,N")),
            File(ImportKind.Staff, StaffCsv("TCH7,Mr,Tom,Baker,t.baker@example.org,Head of year 8,,,,,")),
        ]);

        changed.Imported.ShouldBeTrue();
        Counts(changed, ImportKind.Pupils).ShouldBe(new ImportCounts(0, 1, 0));
        Counts(changed, ImportKind.Carers).ShouldBe(new ImportCounts(0, 1, 0));
        changed.Files.Single(f => f.Kind == ImportKind.Carers).Links.ShouldBe(new ImportCounts(0, 1, 0));
        Counts(changed, ImportKind.Staff).ShouldBe(new ImportCounts(0, 1, 0));
        var amelia = (await PupilsAsync(app, school)).Single(p => p.Upn == Upn(1));
        (amelia.LegalLastName, amelia.YearGroup, amelia.TutorGroup, amelia.SenStatus).ShouldBe(("Jones-Smith", 8, "8JB", SenStatus.Ehcp));
        var david = await QueryAsync(app, school, db => db.Carers.SingleAsync(c => c.ExternalRef == "C101"));
        david.Email.ShouldBe("david@example.org");
        var link = await QueryAsync(app, school, db => db.CarerLinks.SingleAsync(l => l.CarerId == david.Id));
        link.ContactPriority.ShouldBe(1);
        (await QueryAsync(app, school, db => db.StaffMembers.SingleAsync(s => s.StaffCode == "TCH7"))).JobTitle.ShouldBe("Head of year 8");
        (await PupilsAsync(app, school)).Count.ShouldBe(4, "an update never adds a pupil");
    }

    [Fact]
    public async Task ColumnsTheFileDoesNotHave_KeepWhatSecureBaseHolds()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        (await ImportAsync(app, school, SmallSchool())).Imported.ShouldBeTrue();

        // An information system knows nothing of disciplines, registration or caseload capacity.
        var report = await ImportAsync(app, school, [File(ImportKind.Staff, "Staff code,Title,Forename,Surname,Email,Job title\r\nSLT1,Ms,Priya,Shah,p.shah@example.org,Speech and language therapist\r\n")]);
        Counts(report, ImportKind.Staff).ShouldBe(new ImportCounts(0, 0, 1));
        var priya = await QueryAsync(app, school, db => db.StaffMembers.SingleAsync(s => s.StaffCode == "SLT1"));
        (priya.Discipline, priya.RegistrationNumber, priya.CaseloadCapacity).ShouldBe((Discipline.SpeechAndLanguage, "SL12345", 25));
    }

    [Fact]
    public async Task HeaderVariations_WithOrWithoutAByteOrderMark_ImportTheSamePupils()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var sims = $"UPN,Legal Forename,Legal Surname,Preferred Forename,DOB,NC Year,Reg,SEN Provision,CLA,PP,Ethnicity\r\n{Upn(1)},Amelia,Jones,Millie,02/03/2014,Year 7,7JB,K,N,Y,WBRI\r\n";
        var arbor = $"upn,first_name,last_name,known_as,date_of_birth,year_group,form,sen_status,looked_after,pupil_premium\n{Upn(1)},Amelia,Jones,Millie,2014-03-02,7,7JB,SEN Support,No,Yes\n";

        var withBom = await ImportAsync(app, school, [File(ImportKind.Pupils, sims, bom: true)]);
        withBom.Imported.ShouldBeTrue(string.Join(" | ", withBom.Files[0].Problems.Concat(withBom.Files[0].Rejects.SelectMany(r => r.Reasons))));
        withBom.Files[0].Records.New.ShouldBe(1);
        withBom.Files[0].IgnoredColumns.ShouldBe(["Ethnicity"]);

        var without = await ImportAsync(app, school, [File(ImportKind.Pupils, arbor, bom: false)]);
        without.Files[0].Problems.ShouldBeEmpty();
        without.Files[0].Records.ShouldBe(new ImportCounts(0, 0, 1), "the same pupil, read from other headers, is unchanged");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RejectedLines_AreListedWithTheirLineNumbersAndReasons_AndNothingIsImported(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var before = await SchoolSnapshot.TakeAsync(app, school);
        var (badUpn, expected) = WrongUpn(9);
        var files = new[]
        {
            File(ImportKind.Pupils, PupilsCsv(
                $"{Upn(1)},Amelia,Jones,,,02/03/2014,7,7JB,K,N,Y",                  // 2: fine
                $"{badUpn},Bad,Checkletter,,,02/03/2014,7,7JB,N,N,N",                // 3
                $"{Upn(3)},,,,,02/03/2014,7,7JB,N,N,N",                               // 4
                $"{Upn(4)},Kai,Date,,,31/02/2015,7,7JB,N,N,N",                        // 5
                $"{Upn(5)},Kai,Future,,,01/01/2099,7,7JB,N,N,N",                      // 6
                $"{Upn(6)},Kai,Old,,,01/01/1970,7,7JB,N,N,N",                         // 7
                $"{Upn(7)},Kai,Year,,,02/03/2014,Year 15,7JB,N,N,N",                  // 8
                $"{Upn(1)},Amelia,Again,,,02/03/2014,7,7JB,N,N,N",                    // 9: same UPN as line 2
                $"{Upn(10)},<script>alert('x')</script>,Tag,,,02/03/2014,7,7JB,N,N,N", // 10
                $"{Upn(11)},Ali\u202Egnp.exe,Override,,,02/03/2014,7,7JB,N,N,N",     // 11
                $"{Upn(12)},{new string('a', 101)},Long,,,02/03/2014,7,7JB,N,N,N",   // 12
                $"{Upn(13)},Robert'); DROP TABLE pupils;--,Tables,,,02/03/2014,7,7JB,N,N,N", // 13
                $"{Upn(14)},Sen,Status,,,02/03/2014,7,{new string('R', 21)},X,Maybe,N")), // 14
            File(ImportKind.Carers, CarersCsv(
                $"C1,{Upn(1)},Mrs,Sarah,Jones,Mother,Y,1,sarah@example.org,,,Email,,N",   // 2: fine
                $"C2,{Upn(99)},Mr,Sam,Nobody,Father,Y,1,not-an-email,,,Pigeon,,N")),       // 3
        };

        var report = await ImportAsync(app, school, files);

        report.Imported.ShouldBeFalse();
        report.IsRejected.ShouldBeTrue();
        var pupils = Reasons(report, ImportKind.Pupils);
        pupils.Keys.Order().ShouldBe([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
        pupils[3].ShouldContain(r => r.Contains($"should be {expected}, not", StringComparison.Ordinal));
        pupils[4].ShouldBe(["Enter the legal forename", "Enter the legal surname"]);
        pupils[5].ShouldContain(r => r.Contains("\"31/02/2015\" is not a date", StringComparison.Ordinal));
        pupils[6].ShouldContain("Date of birth 01/01/2099 is in the future");
        pupils[7].ShouldContain(r => r.Contains("would make the pupil", StringComparison.Ordinal) && r.Contains("pupils are 2 to 25", StringComparison.Ordinal));
        pupils[8].ShouldContain(r => r.Contains("\"Year 15\" is not a year group", StringComparison.Ordinal));
        pupils[2].ShouldContain($"UPN {Upn(1)} is also on line 9: each should appear once");
        pupils[9].ShouldContain($"UPN {Upn(1)} is also on line 2: each should appear once");
        pupils[10].ShouldContain("Legal forename can only contain letters, spaces, hyphens, apostrophes and full stops");
        pupils[11].ShouldContain("Legal forename contains a hidden text-direction character; please retype it");
        pupils[12].ShouldContain("Legal forename must be 100 characters or fewer (it has 101)");
        pupils[13].ShouldContain("Legal forename can only contain letters, spaces, hyphens, apostrophes and full stops");
        pupils[14].ShouldContain("Reg group must be 20 characters or fewer (it has 21)");
        pupils[14].ShouldContain(r => r.StartsWith("SEN status \"X\" should be N (none), K (SEN support) or E (EHCP)", StringComparison.Ordinal));
        pupils[14].ShouldContain("Looked after \"Maybe\" should be Y or N");

        var carers = Reasons(report, ImportKind.Carers);
        carers.Keys.ShouldBe([3]);
        carers[3].ShouldContain($"Pupil UPN {Upn(99)} is not a pupil of this school, nor in the pupils file of this import");
        carers[3].ShouldContain(r => r.Contains("is not an email address", StringComparison.Ordinal));
        carers[3].ShouldContain(r => r.Contains("should be Email, Phone, Letter or App", StringComparison.Ordinal));

        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before, "a rejected import changes nothing at all");
    }

    [Fact]
    public async Task AFileThatCannotBeRead_SaysWhy_AndStopsTheWholeImport()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var before = await SchoolSnapshot.TakeAsync(app, school);
        byte[] windows1252 = [.. Bytes(PupilsCsv($"{Upn(1)},Zo")), 0xEB, .. Bytes(",Jones,,,02/03/2014,7,7JB,N,N,N\r\n")];

        var report = await ImportAsync(app, school,
        [
            new ImportFile(ImportKind.Pupils, "pupils.csv", windows1252),
            File(ImportKind.Staff, "Code,Forename,Surname\r\nX1,Ann,Lee\r\n"),
            File(ImportKind.Carers, "Contact ID,Pupil UPN,Forename,Surname,Relationship\r\n"),
        ]);

        report.Imported.ShouldBeFalse();
        report.Files.Single(f => f.Kind == ImportKind.Pupils).Problems.ShouldBe(["This file is not in UTF-8: save it as \"CSV UTF-8 (Comma delimited)\" and try again"]);
        report.Files.Single(f => f.Kind == ImportKind.Staff).Records.New.ShouldBe(1, "a good file in a rejected import is still checked, so the office sees everything at once");
        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);

        var missing = await ImportAsync(app, school, [File(ImportKind.Staff, "Forename,Surname\r\nAnn,Lee\r\n")]);
        missing.Files[0].Problems.ShouldBe(["The staff file has no \"Staff code\" column (also accepted: \"Code\", \"Staff ID\", \"Staff ref\", \"Staff reference\")"]);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task APupilWhoHasLeft_IsReadOnly_AndALineThatWouldChangeThemIsReportedNotApplied(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        (await ImportAsync(app, school, SmallSchool())).Imported.ShouldBeTrue();
        await QueryAsync(app, school, async db =>
        {
            var pupil = await db.Pupils.SingleAsync(p => p.Upn == Upn(3));
            pupil.MarkLeft(new DateOnly(2026, 7, 22), DateTime.UnixEpoch).IsSuccess.ShouldBeTrue();
            return await db.SaveChangesAsync();
        });

        var report = await ImportAsync(app, school, [File(ImportKind.Pupils, PupilsCsv($"{Upn(3)},Zoë,Ní Bhriain,,,11/11/2010,12,12R,E,Y,N"))]);

        report.Imported.ShouldBeTrue();
        report.Files[0].Records.ShouldBe(new ImportCounts(0, 0, 0));
        report.Files[0].Notes.Single().ShouldBe(new RowNote(2, $"UPN {Upn(3)} (Zoë Ní Bhriain) left on 22 July 2026; their record is read-only, so this line was not applied"));
        var zoe = (await PupilsAsync(app, school)).Single(p => p.Upn == Upn(3));
        (zoe.YearGroup, zoe.LeftOn).ShouldBe((11, new DateOnly(2026, 7, 22)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PupilsNotInTheFileHaveLeft_MarksOnlyCurrentPupilsMissingFromIt_WhenAskedFor(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        (await ImportAsync(app, school, SmallSchool())).Imported.ShouldBeTrue();
        var roll = PupilsCsv($"{Upn(1)},Amelia,Jones,Millie,,02/03/2014,7,7JB,K,N,Y", $"{Upn(2)},Oliver,Jones,,,2016-09-14,Year 5,5T,N,N,Y");

        var withoutOption = await ImportAsync(app, school, [File(ImportKind.Pupils, roll)]);
        withoutOption.Files[0].MarkedLeft.ShouldBeEmpty("the option is off unless asked for");

        var preview = await ImportAsync(app, school, [File(ImportKind.Pupils, roll)], new ImportOptions(MissingPupilsHaveLeft: true), dryRun: true);
        preview.Files[0].MarkedLeft.Select(p => p.Upn).Order().ShouldBe(new[] { Upn(3), "R201100018042" }.Order());
        (await PupilsAsync(app, school)).ShouldAllBe(p => p.LeftOn == null, "a preview changes nothing");

        var applied = await ImportAsync(app, school, [File(ImportKind.Pupils, roll)], new ImportOptions(MissingPupilsHaveLeft: true));
        applied.Imported.ShouldBeTrue();
        var pupils = await PupilsAsync(app, school);
        pupils.Where(p => p.HasLeft).Select(p => p.Upn).Order().ShouldBe(new[] { Upn(3), "R201100018042" }.Order());
        pupils.Single(p => p.Upn == Upn(3)).LeftOn.ShouldBe(SecureBase.Schools.SchoolTime.London.Today(app.Clock));

        var empty = await ImportAsync(app, school, [File(ImportKind.Pupils, PupilsCsv())], new ImportOptions(MissingPupilsHaveLeft: true));
        empty.Files[0].Problems.ShouldContain(p => p.Contains("would mark every pupil as left", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CarersForPupilsInTheSameImport_AreLinked_AndAContactsDetailsMustAgreeOnEachLine()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var disagree = await ImportAsync(app, school,
        [
            File(ImportKind.Pupils, PupilsCsv($"{Upn(1)},Amelia,Jones,,,02/03/2014,7,7JB,K,N,Y", $"{Upn(2)},Oliver,Jones,,,2016-09-14,5,5T,N,N,Y")),
            File(ImportKind.Carers, CarersCsv(
                $"C100,{Upn(1)},Mrs,Sarah,Jones,Mother,Y,1,sarah@example.org,,,Email,,N",
                $"C100,{Upn(2)},Mrs,Sarah,Jones,Mother,Y,1,sarah.jones@example.org,,,Email,,N",
                $"C100,{Upn(1)},Mrs,Sarah,Jones,Mother,Y,1,sarah@example.org,,,Email,,N")),
        ]);
        var reasons = Reasons(disagree, ImportKind.Carers);
        reasons[3].ShouldContain("Contact ID C100 is on line 2 with a different email: a contact's details must be the same on each of their lines");
        reasons[2].ShouldContain($"Contact C100 with pupil UPN {Upn(1)} is also on line 4: each should appear once");
        (await PupilsAsync(app, school)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ARestrictionFromTheFile_IsApplied_ButAnImportNeverLiftsOne()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        (await ImportAsync(app, school, SmallSchool())).Imported.ShouldBeTrue();

        var restricted = await ImportAsync(app, school, [File(ImportKind.Carers, CarersCsv($"C101,{Upn(1)},Mr,David,Jones,Father,Y,2,,07700 900456,,Phone,,Y"))]);
        restricted.Files[0].Links.ShouldBe(new ImportCounts(0, 1, 0));
        var link = await QueryAsync(app, school, db => db.CarerLinks.SingleAsync(l => l.Relationship == "Father"));
        link.IsRestricted.ShouldBeTrue();

        var lifted = await ImportAsync(app, school, [File(ImportKind.Carers, CarersCsv($"C101,{Upn(1)},Mr,David,Jones,Father,Y,2,,07700 900456,,Phone,,N"))]);
        lifted.Files[0].Links.ShouldBe(new ImportCounts(0, 0, 1));
        lifted.Files[0].Notes.Single().Message.ShouldContain("the restriction was kept");
        (await QueryAsync(app, school, db => db.CarerLinks.SingleAsync(l => l.Relationship == "Father"))).IsRestricted.ShouldBeTrue();
    }

    private static Task<(int Pupils, int Carers, int Links, int Staff)> CountAsync(TestApp app, TestSchool school) =>
        QueryAsync(app, school, async db => (await db.Pupils.CountAsync(), await db.Carers.CountAsync(), await db.CarerLinks.CountAsync(), await db.StaffMembers.CountAsync()));

    private static ImportCounts Counts(ImportReport report, ImportKind kind) => report.Files.Single(f => f.Kind == kind).Records;

    private static Dictionary<int, IReadOnlyList<string>> Reasons(ImportReport report, ImportKind kind) =>
        report.Files.Single(f => f.Kind == kind).Rejects.ToDictionary(r => r.Line, r => r.Reasons);
}
