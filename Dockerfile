# The campaign-pulse runnable jar on a JRE. Build the jar first: mvn -B -DskipTests install
FROM eclipse-temurin:21-jre
WORKDIR /opt/campaign-pulse
COPY app/target/campaign-pulse.jar /opt/campaign-pulse/campaign-pulse.jar
ENV CAMPAIGN_PULSE_STATE_DIR=/var/lib/campaign-pulse/state \
    CAMPAIGN_PULSE_HTTP_HOST=0.0.0.0
VOLUME /var/lib/campaign-pulse
ENTRYPOINT ["java", "-jar", "/opt/campaign-pulse/campaign-pulse.jar"]
CMD ["streams"]
