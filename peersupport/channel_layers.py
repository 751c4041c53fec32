"""The websocket channel layer: channels_redis's core layer, whose Redis pool waits for a free
connection instead of failing.

redis-py 8's asyncio pool holds at most `max_connections` (default 100) and raises
MaxConnectionsError beyond them. After a slow moment, a burst of pings re-joining groups and
sockets leaving (group_discard) asked for more than 1,000 at once with 8,000 idle sockets;
each failure closed a socket with 1011 or dropped a crisis alert broadcast
(bench/sockets.py). A blocking pool queues those commands for a moment instead.
"""

from channels_redis.core import RedisChannelLayer as CoreRedisChannelLayer
from redis.asyncio import BlockingConnectionPool


class RedisChannelLayer(CoreRedisChannelLayer):
    def create_pool(self, index):
        host = dict(self.hosts[index])
        return BlockingConnectionPool.from_url(host.pop("address"), **host)
