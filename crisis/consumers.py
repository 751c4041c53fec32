"""Live crisis chat and the counselor console. Thin: authorise, call a service, send.

Nothing here is the truth. The chat sends its whole history from the database on every
(re)connect and the console a fresh snapshot on connect and on every heartbeat, so a dropped
channel-layer message (at-most-once, lost on a Redis restart) costs a few seconds, never a
person. Both re-join their groups on each ping/heartbeat for the same reason.
"""

from channels.db import database_sync_to_async

from crisis import broadcast, permissions, selectors, services
from crisis.models import ChatMessage, Escalation, PageLevel
from peersupport.consumers import LoginRequiredJsonConsumer
from peersupport.permissions import has_staff_mfa

CLOSE_NOT_ALLOWED = 4403
Author = ChatMessage.Author


class CrisisChatConsumer(LoginRequiredJsonConsumer):
    """ws/crisis/chat/<id>/: the member, their counselor, a supervisor, a warm-handoff supporter.

    Whoever no longer holds the chat in the role they joined with (transferred, closed, role
    revoked, the handoff over) is closed with 4403 at once and hears nothing more.
    """

    close_code_lost_right = CLOSE_NOT_ALLOWED

    async def on_authenticated(self):
        self.escalation_id = int(self.scope["url_route"]["kwargs"]["escalation_id"])
        self.role = await self._role()
        if self.role is None:
            await self.close(code=CLOSE_NOT_ALLOWED)
            return
        self.group = broadcast.chat_group(self.escalation_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self._seen()
        if self.role == Author.COUNSELOR:
            await database_sync_to_async(services.escalation_activate)(
                escalation_id=self.escalation_id, counselor=self.user
            )
        await self.send_json(await self._history())

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await self._seen()

    async def _seen(self):
        """The member is here (or just left): the stale-chat check counts from this."""
        if self.role == Author.MEMBER:
            await database_sync_to_async(services.chat_member_seen)(
                escalation_id=self.escalation_id
            )

    @database_sync_to_async
    def _role(self):
        return self._role_now()

    def _role_now(self):
        escalation = Escalation.objects.filter(pk=self.escalation_id).first()
        if escalation is None:
            return None
        return permissions.chat_socket_role(self.user, escalation)

    def still_entitled(self) -> bool:
        return self._role_now() == self.role

    @database_sync_to_async
    def _history(self) -> dict:
        escalation = Escalation.objects.select_related("counselor").get(pk=self.escalation_id)
        return {
            "type": "history",
            **self._state_fields(escalation),
            "messages": [
                services.message_payload(m) for m in selectors.chat_messages(self.escalation_id)
            ],
        }

    @staticmethod
    def _state_fields(escalation: Escalation) -> dict:
        return {
            "state": escalation.state,
            "counselor": str(escalation.counselor) if escalation.counselor_id else "",
            "queue_position": selectors.queue_position(escalation),
            "told_hotlines": escalation.page_level >= PageLevel.MEMBER_TOLD,
        }

    @database_sync_to_async
    def _status(self) -> dict:
        escalation = Escalation.objects.select_related("counselor").get(pk=self.escalation_id)
        return {"type": "pong", **self._state_fields(escalation)}

    async def receive_json(self, content, **kwargs):
        kind = content["type"]
        if kind == "message":
            await self._post(content)
        elif kind == "typing":
            await self.channel_layer.group_send(
                self.group, {"type": "crisis.typing", "role": self.role, "name": str(self.user)}
            )
        elif kind == "read":
            up_to = content.get("up_to_id")
            if not isinstance(up_to, int):
                await self.send_error("read needs up_to_id.")
                return
            await database_sync_to_async(services.chat_mark_read)(
                escalation_id=self.escalation_id, reader_kinds=self._my_side(), up_to_id=up_to
            )
        elif kind == "sync":
            await self.send_json(await self._history())
        elif kind == "ping":
            await self.rejoin(self.group)
            await self._seen()
            await self.send_json(await self._status())
        else:
            await self.send_error("Unknown message type.")

    def _my_side(self) -> list[str]:
        if self.role == Author.MEMBER:
            return [Author.MEMBER, Author.SYSTEM]
        return [Author.COUNSELOR, Author.SUPERVISOR, Author.SUPPORTER, Author.SYSTEM]

    async def _post(self, content):
        body = content.get("body")
        client_id = content.get("client_id") or ""
        if not isinstance(body, str) or not isinstance(client_id, str):
            await self.send_error("A message needs a body.")
            return
        try:
            message, _ = await database_sync_to_async(services.chat_message_post)(
                escalation_id=self.escalation_id,
                author=self.user,
                author_kind=self.role,
                body=body,
                client_id=client_id,
            )
        except services.CrisisError as exc:
            await self.send_error(str(exc))
            return
        # Stored: the sender may forget its local copy. The broadcast follows from on_commit.
        await self.send_json({"type": "stored", "client_id": client_id, "id": message.pk})

    # --- channel-layer events -------------------------------------------------------------

    async def crisis_message(self, event):
        if await self.allowed_to_send():
            await self.send_json({"type": "message", "message": event["message"]})

    async def crisis_state(self, event):
        await self.send_json(
            {"type": "state", "state": event["state"], "counselor": event["counselor"]}
        )

    async def crisis_typing(self, event):
        if event["role"] != self.role:
            await self.send_json({"type": "typing", "name": event["name"]})

    async def crisis_read(self, event):
        if self.role not in event["reader_kinds"]:
            await self.send_json({"type": "read", "up_to_id": event["up_to_id"]})

    async def crisis_risk(self, event):
        if self.role != Author.MEMBER and await self.allowed_to_send():
            await self.send_json(
                {"type": "risk", "risk_level": event["risk_level"], "reasons": event["reasons"]}
            )

    async def crisis_quiet(self, event):
        if self.role != Author.MEMBER:
            await self.send_json({"type": "quiet"})

    async def crisis_hotlines(self, event):
        await self.send_json({"type": "hotlines"})


class CounselorConsoleConsumer(LoginRequiredJsonConsumer):
    """ws/crisis/console/: the live queue, alerts, claims and presence heartbeats.

    Closed with 4403 as soon as the person no longer holds a crisis role (or MFA); a
    supervisor who becomes a counselor stops hearing the supervisors' pages.
    """

    close_code_lost_right = CLOSE_NOT_ALLOWED

    async def on_authenticated(self):
        allowed, self.is_supervisor = await self._access()
        if not allowed:
            await self.close(code=CLOSE_NOT_ALLOWED)
            return
        await self._join()
        await self.accept()
        await self.send_json(await database_sync_to_async(selectors.console_snapshot)(self.user))

    @database_sync_to_async
    def _access(self) -> tuple[bool, bool]:
        return self._access_now()

    def _access_now(self) -> tuple[bool, bool]:
        allowed = permissions.is_crisis_staff(self.user) and has_staff_mfa(self.user)
        return allowed, selectors.is_supervisor(self.user)

    def still_entitled(self) -> bool:
        allowed, is_supervisor = self._access_now()
        if allowed and getattr(self, "is_supervisor", False) and not is_supervisor:
            self._supervisor_lost = True
        return allowed

    async def _close_unless_allowed(self) -> bool:
        if not await super()._close_unless_allowed():
            return False
        if getattr(self, "_supervisor_lost", False):
            await self.channel_layer.group_discard(broadcast.SUPERVISOR_GROUP, self.channel_name)
            self.is_supervisor = self._supervisor_lost = False
        return True

    def _groups(self) -> list[str]:
        groups = [broadcast.CONSOLE_GROUP, broadcast.console_user_group(self.user.pk)]
        if self.is_supervisor:
            groups.append(broadcast.SUPERVISOR_GROUP)
        return groups

    async def _join(self):
        for group in self._groups():
            await self.channel_layer.group_add(group, self.channel_name)

    async def disconnect(self, code):
        if hasattr(self, "is_supervisor"):
            for group in self._groups():
                await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        kind = content["type"]
        if kind == "heartbeat":
            await self.rejoin(*self._groups())
            await database_sync_to_async(services.counselor_heartbeat)(counselor=self.user)
            await self.send_json(
                await database_sync_to_async(selectors.console_snapshot)(self.user)
            )
        elif kind == "ack":
            escalation_id = content.get("escalation_id")
            if not isinstance(escalation_id, int):
                await self.send_error("ack needs escalation_id.")
                return
            await database_sync_to_async(services.alert_acknowledge)(
                escalation_id=escalation_id, counselor=self.user
            )
        elif kind == "claim":
            await self._claim(content.get("escalation_id"))
        elif kind == "duty":
            await database_sync_to_async(services.counselor_duty_set)(
                counselor=self.user, on_duty=bool(content.get("on_duty"))
            )
            await self.send_json(
                await database_sync_to_async(selectors.console_snapshot)(self.user)
            )
        else:
            await self.send_error("Unknown message type.")

    async def _claim(self, escalation_id):
        if not isinstance(escalation_id, int):
            await self.send_error("claim needs escalation_id.")
            return
        try:
            escalation = await database_sync_to_async(services.escalation_claim)(
                escalation_id=escalation_id, counselor=self.user
            )
        except services.CrisisError as exc:  # at capacity, or no longer a counselor
            await self.send_error(str(exc))
            return
        await self.send_json(
            {
                "type": "claim_result",
                "escalation_id": escalation_id,
                "won": escalation is not None,
                "url": f"/crisis/chat/{escalation_id}/" if escalation else "",
            }
        )

    # --- channel-layer events -------------------------------------------------------------

    async def crisis_alert(self, event):
        if await self.allowed_to_send():
            await self.send_json(
                {
                    "type": "alert",
                    "escalation": event["escalation"],
                    "page": event.get("page", False),
                }
            )

    async def crisis_changed(self, event):
        await self.send_json(
            {"type": "changed", "escalation_id": event["escalation_id"], "state": event["state"]}
        )

    async def crisis_page(self, event):
        if await self.allowed_to_send():
            await self.send_json({"type": "page", "escalation_id": event["escalation_id"]})
