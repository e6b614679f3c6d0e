namespace SecureBase.Schools;

/// <summary>
/// A record the school's calendar is read from (its years, half terms, closures and lesson periods): saving one gives
/// the school a new <see cref="School.CalendarStamp"/>, so no instance goes on using a calendar it kept from before.
/// </summary>
internal interface IPartOfCalendar;
