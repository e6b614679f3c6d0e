using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Pupils;

public enum ContactPreference
{
    Email,
    Phone,
    Letter,
    App,
}

/// <summary>A parent or carer. What they may see comes through their links to pupils.</summary>
public sealed class Carer : ISchoolOwned
{
    private Carer()
    {
    }

    public CarerId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }

    /// <summary>The contact's id in the school's information system, used to match on re-import.</summary>
    public string? ExternalRef { get; private set; }

    public string? Title { get; private set; }
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? Address { get; private set; }
    public ContactPreference ContactPreference { get; private set; }
    public string? PreferredLanguage { get; private set; }
    public Guid? UserId { get; private set; }

    public string DisplayName => Title is null ? $"{FirstName} {LastName}" : $"{Title} {FirstName} {LastName}";

    public static Carer Create(SchoolId school, CarerDetails details)
    {
        var carer = new Carer { Id = CarerId.New(), SchoolId = school };
        carer.Update(details);
        return carer;
    }

    public void Update(CarerDetails d)
    {
        ExternalRef = d.ExternalRef;
        Title = d.Title;
        FirstName = d.FirstName;
        LastName = d.LastName;
        Email = d.Email;
        Phone = d.Phone;
        Address = d.Address;
        ContactPreference = d.ContactPreference;
        PreferredLanguage = d.PreferredLanguage;
    }

    public void LinkAccount(Guid userId) => UserId = userId;
}

public sealed record CarerDetails(
    string? ExternalRef,
    string? Title,
    string FirstName,
    string LastName,
    string? Email,
    string? Phone,
    string? Address,
    ContactPreference ContactPreference,
    string? PreferredLanguage);

/// <summary>
/// A carer's link to a pupil. A restricted link (for example under a court order) gives the carer
/// nothing at all about the pupil.
/// </summary>
public sealed class CarerLink : ISchoolOwned
{
    private CarerLink()
    {
    }

    public CarerLinkId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }
    public CarerId CarerId { get; private set; }

    /// <summary>In the school's words: Mother, Father, Grandparent, Foster carer, Social worker…</summary>
    public string Relationship { get; private set; } = "";

    public bool ParentalResponsibility { get; private set; }

    /// <summary>1 is the first person to contact.</summary>
    public int ContactPriority { get; private set; }

    public bool IsRestricted { get; private set; }
    public string? RestrictionReason { get; private set; }

    public static CarerLink Create(SchoolId school, PupilId pupil, CarerId carer, string relationship, bool parentalResponsibility, int priority) => new()
    {
        Id = CarerLinkId.New(),
        SchoolId = school,
        PupilId = pupil,
        CarerId = carer,
        Relationship = relationship,
        ParentalResponsibility = parentalResponsibility,
        ContactPriority = priority,
    };

    public void Update(string relationship, bool parentalResponsibility, int priority)
    {
        Relationship = relationship;
        ParentalResponsibility = parentalResponsibility;
        ContactPriority = priority;
    }

    public void Restrict(string reason)
    {
        IsRestricted = true;
        RestrictionReason = reason;
    }

    public void LiftRestriction()
    {
        IsRestricted = false;
        RestrictionReason = null;
    }
}

/// <summary>A carer's link to one pupil (a carer with two children at the school has two).</summary>
[TypeConverter(typeof(EntityIdTypeConverter<CarerLinkId>))]
public readonly record struct CarerLinkId(Guid Value) : IEntityId<CarerLinkId>, IParsable<CarerLinkId>
{
    public static CarerLinkId New() => new(Guid.CreateVersion7());
    public static CarerLinkId From(Guid value) => new(value);
    public static CarerLinkId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CarerLinkId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}
