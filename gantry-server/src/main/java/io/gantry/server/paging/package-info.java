/** ECS-style paging: opaque nextToken values and maxResults limits over key-ordered listings. */
package io.gantry.server.paging;
