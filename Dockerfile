# syntax=docker/dockerfile:1.7
# One image pattern for every Leadwire service, built from this repository:
#   docker build --build-arg SERVICE=leads-service -t leadwire/leads-service .
# (docker compose build does this for each service). The jar is split into Spring Boot's layers,
# so a code change rebuilds only the small application layer; the image runs as a non-root user.
FROM eclipse-temurin:25.0.3_9-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -q -B package -DskipTests -pl "${SERVICE}" -am \
 && cp "${SERVICE}/target/${SERVICE}-exec.jar" /tmp/service.jar \
 && java -Djarmode=tools -jar /tmp/service.jar extract --layers --destination /layers

FROM eclipse-temurin:25.0.3_9-jre
RUN useradd --system --uid 10001 --no-create-home leadwire
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001
# Compact object headers (JEP 519, Java 25): less memory and cache per object.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseCompactObjectHeaders"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
