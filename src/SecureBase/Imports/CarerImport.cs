using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Pupils;

namespace SecureBase.Imports;

/// <summary>
/// The parents and carers file: one line per contact per pupil, as information systems export
/// contacts. A contact is matched by its contact ID; its link to a pupil by contact ID and pupil
/// UPN. A contact with two children has two lines, and their details must agree. An import can
/// restrict a link (a court order) but never lifts a restriction: that is done by hand.
/// </summary>
internal static class CarerImport
{
    /// <summary>Written as the contact ID of a carer added in SecureBase itself, so an export re-imports onto the same carer.</summary>
    public const string OwnIdPrefix = "SB-";

    public const string DefaultRestriction = "Restricted in the school's information system";

    private sealed record Line(int Number, string ContactId, Upn Upn, CarerDetails Details, string Relationship, bool ParentalResponsibility, int? Priority, bool? Restricted, string? RestrictionReason);

    public static ImportPlan Plan(ImportFile file, CsvSheet sheet, ColumnMap map, ImportContext context, List<string> fileProblems)
    {
        var problems = new Dictionary<int, List<string>>();
        var notes = new List<RowNote>();
        var lines = new List<Line>();
        var pairs = new List<(int Line, string Key)>();
        var byExternalRef = context.Carers.Where(c => c.ExternalRef is not null).ToDictionary(c => c.ExternalRef!, StringComparer.Ordinal);
        var byId = context.Carers.ToDictionary(c => c.Id);
        foreach (var row in sheet.Rows)
        {
            var r = new RowReader(map, row);
            var contactId = r.Text(ImportColumns.ContactId, 50, required: true);
            var upn = r.ReadUpn(ImportColumns.PupilUpn);
            var title = r.Name(ImportColumns.Title, required: false, max: 20);
            var first = r.Name(ImportColumns.Forename, required: true);
            var last = r.Name(ImportColumns.Surname, required: true);
            var relationship = r.Text(ImportColumns.Relationship, 50, required: true);
            var parentalResponsibility = r.YesNo(ImportColumns.ParentalResponsibility);
            var priority = r.Number(ImportColumns.Priority, 1, 99);
            var email = r.EmailAddress(ImportColumns.Email);
            var phone = r.Telephone(ImportColumns.Telephone);
            var address = r.Text(ImportColumns.Address, 300, multiLine: true);
            var preference = r.Preference(ImportColumns.ContactPreference);
            var language = r.Text(ImportColumns.Language, 50);
            var restricted = r.YesNo(ImportColumns.Restricted);
            var reason = r.Text(ImportColumns.RestrictionReason, 500, multiLine: true);
            if (upn is { } u && !context.Pupils.ContainsKey(u.Value) && !context.UpnsInPupilsFile.Contains(u.Value))
            {
                r.Problems.Add($"Pupil UPN {u.Value} is not a pupil of this school, nor in the pupils file of this import");
            }

            if (contactId is not null && upn is { } pair)
            {
                pairs.Add((row.Line, $"{contactId}\u001F{pair.Value}"));
            }

            if (r.Problems.Count > 0)
            {
                problems[row.Line] = r.Problems;
                continue;
            }

            var existing = Find(contactId!, byExternalRef, byId);
            var details = new CarerDetails(
                existing is not null && existing.ExternalRef is null ? null : contactId,
                map.Has(ImportColumns.Title) ? title : existing?.Title,
                first!,
                last!,
                map.Has(ImportColumns.Email) ? email : existing?.Email,
                map.Has(ImportColumns.Telephone) ? phone : existing?.Phone,
                map.Has(ImportColumns.Address) ? address : existing?.Address,
                ContactPreference.Email,
                map.Has(ImportColumns.Language) ? language : existing?.PreferredLanguage);
            details = details with
            {
                ContactPreference = map.Has(ImportColumns.ContactPreference) && preference is { } chosen ? chosen
                    : !map.Has(ImportColumns.ContactPreference) && existing is not null ? existing.ContactPreference
                    : details.Email is not null ? ContactPreference.Email
                    : details.Phone is not null ? ContactPreference.Phone
                    : ContactPreference.Letter,
            };
            lines.Add(new Line(row.Line, contactId!, upn!.Value, details, relationship!, parentalResponsibility,
                map.Has(ImportColumns.Priority) ? priority : null,
                map.Has(ImportColumns.Restricted) ? restricted : null,
                reason));
        }

        ImportPlan.RejectDuplicates(pairs, problems, key => $"Contact {key.Split('\u001F')[0]} with pupil UPN {key.Split('\u001F')[1]}");

        // A contact's details must be the same on each of their lines (one line per child).
        foreach (var group in lines.GroupBy(l => l.ContactId, StringComparer.Ordinal))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                var differ = Differences(first.Details, other.Details);
                if (differ.Count > 0)
                {
                    ImportPlan.Problem(problems, other.Number, $"Contact ID {other.ContactId} is on line {first.Number} with a different {string.Join(", ", differ)}: a contact's details must be the same on each of their lines");
                }
            }
        }

        var rejects = ImportPlan.Rejects(sheet, problems);
        var accepted = lines.Where(l => !problems.ContainsKey(l.Number)).ToList();
        var steps = new List<Action<SecureBaseDb>>();
        int carersNew = 0, carersUpdated = 0, carersUnchanged = 0, linksNew = 0, linksUpdated = 0, linksUnchanged = 0;
        var carerFor = new Dictionary<string, Func<Carer>>(StringComparer.Ordinal);
        foreach (var group in accepted.GroupBy(l => l.ContactId, StringComparer.Ordinal))
        {
            var details = group.First().Details;
            var existing = Find(group.Key, byExternalRef, byId);
            if (existing is null)
            {
                carersNew++;
                Carer? created = null;
                steps.Add(db =>
                {
                    created = Carer.Create(context.School, details);
                    db.Carers.Add(created);
                });
                carerFor[group.Key] = () => created!;
            }
            else
            {
                if (Current(existing) == details)
                {
                    carersUnchanged++;
                }
                else
                {
                    carersUpdated++;
                    steps.Add(db => ImportPlan.Change(db, existing, c => c.Update(details)));
                }

                carerFor[group.Key] = () => existing;
            }
        }

        var links = context.Links.ToDictionary(l => (l.PupilId, l.CarerId));
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in accepted)
        {
            var position = positions[line.Upn.Value] = positions.GetValueOrDefault(line.Upn.Value) + 1;
            var pupil = context.Pupils.GetValueOrDefault(line.Upn.Value);
            var carer = Find(line.ContactId, byExternalRef, byId);
            var link = pupil is not null && carer is not null ? links.GetValueOrDefault((pupil.Id, carer.Id)) : null;
            var priority = line.Priority ?? link?.ContactPriority ?? position;
            var restrict = line.Restricted == true && link?.IsRestricted != true;
            if (pupil is { HasLeft: true })
            {
                if (link is null || link.Relationship != line.Relationship || link.ParentalResponsibility != line.ParentalResponsibility || link.ContactPriority != priority || restrict)
                {
                    notes.Add(new RowNote(line.Number, $"Pupil UPN {line.Upn.Value} ({pupil.DisplayName}) left on {pupil.LeftOn:d MMMM yyyy}; their record is read-only, so this contact's link to them was not changed"));
                }
                else
                {
                    linksUnchanged++;
                }

                continue;
            }

            if (link is null)
            {
                linksNew++;
                var getCarer = carerFor[line.ContactId];
                steps.Add(db =>
                {
                    var created = CarerLink.Create(context.School, context.Pupils[line.Upn.Value].Id, getCarer().Id, line.Relationship, line.ParentalResponsibility, priority);
                    if (line.Restricted == true)
                    {
                        created.Restrict(line.RestrictionReason ?? DefaultRestriction);
                    }

                    db.CarerLinks.Add(created);
                });
                continue;
            }

            if (line.Restricted == false && link.IsRestricted)
            {
                notes.Add(new RowNote(line.Number, $"The link between contact {line.ContactId} and pupil UPN {line.Upn.Value} is restricted in SecureBase but not in the file: the restriction was kept. Lift it in SecureBase if it has ended"));
            }

            if (link.Relationship == line.Relationship && link.ParentalResponsibility == line.ParentalResponsibility && link.ContactPriority == priority && !restrict)
            {
                linksUnchanged++;
                continue;
            }

            linksUpdated++;
            steps.Add(db => ImportPlan.Change(db, link, l =>
            {
                l.Update(line.Relationship, line.ParentalResponsibility, priority);
                if (restrict)
                {
                    l.Restrict(line.RestrictionReason ?? DefaultRestriction);
                }
            }));
        }

        var report = new ImportFileReport(ImportKind.Carers, file.FileName, sheet.Rows.Count + sheet.BadRows.Count,
            new ImportCounts(carersNew, carersUpdated, carersUnchanged), new ImportCounts(linksNew, linksUpdated, linksUnchanged),
            [], rejects, notes, fileProblems, map.Ignored);
        return new ImportPlan(report, report.IsRejected ? [] : steps);
    }

    private static Carer? Find(string contactId, Dictionary<string, Carer> byExternalRef, Dictionary<CarerId, Carer> byId)
    {
        if (byExternalRef.TryGetValue(contactId, out var carer))
        {
            return carer;
        }

        return contactId.StartsWith(OwnIdPrefix, StringComparison.Ordinal) && CarerId.TryParse(contactId[OwnIdPrefix.Length..], null, out var id)
               && byId.TryGetValue(id, out var own) && own.ExternalRef is null
            ? own
            : null;
    }

    private static CarerDetails Current(Carer c) =>
        new(c.ExternalRef, c.Title, c.FirstName, c.LastName, c.Email, c.Phone, c.Address, c.ContactPreference, c.PreferredLanguage);

    private static List<string> Differences(CarerDetails a, CarerDetails b)
    {
        var differ = new List<string>();
        if (a.Title != b.Title)
        {
            differ.Add("title");
        }

        if (a.FirstName != b.FirstName || a.LastName != b.LastName)
        {
            differ.Add("name");
        }

        if (a.Email != b.Email)
        {
            differ.Add("email");
        }

        if (a.Phone != b.Phone)
        {
            differ.Add("telephone");
        }

        if (a.Address != b.Address)
        {
            differ.Add("address");
        }

        if (a.ContactPreference != b.ContactPreference)
        {
            differ.Add("contact preference");
        }

        if (a.PreferredLanguage != b.PreferredLanguage)
        {
            differ.Add("language");
        }

        return differ;
    }
}
