namespace SecureBase.Sessions;

/// <summary>
/// A record the sessions delivered are read from (a session and each pupil's part in it): saving one gives the school a
/// new <see cref="Schools.School.SessionsStamp"/>, so no instance goes on using delivered totals it kept from before.
/// </summary>
internal interface IPartOfSessionRecord;
