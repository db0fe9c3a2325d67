import { defineMessages } from "../i18n/catalog";

export const authText = defineMessages(
  "auth",
  {
    title: "Sign in",
    intro: "Sign in with a Diwan API token. Read-only tokens can browse; write tokens can edit.",
    token: "Access token",
    submit: "Sign in",
    invalid: "That token is not valid or has been revoked.",
    tooMany: "Too many failed sign-ins from your address. Wait ten minutes and try again.",
  },
  {
    title: "تسجيل الدخول",
    intro:
      "سجّل الدخول برمز وصول من رموز واجهة ديوان البرمجية. الرموز ذات صلاحية القراءة تتيح التصفح، وذات صلاحية الكتابة تتيح التحرير.",
    token: "رمز الوصول",
    submit: "دخول",
    invalid: "هذا الرمز غير صالح أو أُلغي.",
    tooMany: "محاولات دخول فاشلة كثيرة من عنوانك. انتظر عشر دقائق ثم حاول مرة أخرى.",
  },
);
